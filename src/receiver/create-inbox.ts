import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderList } from '../wire/headers.js';
import { checkPayload } from '../catalog/validate-payload.js';
import { SystemeMockError, UsageError } from '../errors.js';
import { inspectDelivery, type DeliveryVerdict, type PayloadValidator } from './inspect-delivery.js';

export interface InboxOptions {
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Signatures made with any of these are valid. None: signatures are not checked. */
  secrets?: readonly string[] | undefined;
  /** Append every delivery to this NDJSON file. */
  store?: string | undefined;
  /** Check bodies against the trigger's documented shape: true (default), false, or your own validator. */
  validate?: boolean | PayloadValidator | undefined;
  /**
   * Reject bodies whose keys are the documented ones in another order. Default false: systeme.io does
   * not keep key order, so such a body is accepted with a note.
   */
  strictOrder?: boolean | undefined;
  /** Larger bodies are answered 413 without being kept or checked. Default 1 MiB (1048576). */
  maxBodyBytes?: number | undefined;
  /**
   * Where the inbox reports what went wrong on its side (a store write that failed, an error while
   * handling a request), one line each, so the server keeps answering. Default: a line on stderr.
   */
  onError?: ((message: string) => void) | undefined;
}

/** The default body limit: webhook bodies are a few kilobytes; a hostile one is refused unread. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Past this many bytes of a body already refused (413), the inbox stops reading it and closes the
 * connection. Below it, the rest of the body is read and discarded, so the sender sees the 413 rather
 * than a connection reset while it is still writing.
 */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** One request the inbox received, with its verdict. */
export interface InboxDelivery extends DeliveryVerdict {
  /** 1 for the first delivery received. */
  readonly seq: number;
  readonly receivedAt: string;
  readonly method: string;
  readonly path: string;
  /** Headers exactly as received: names with their case, in order. */
  readonly headers: HeaderList;
  /** The raw body, decoded as UTF-8. */
  readonly body: string;
  /** The `seq` of an earlier delivery with the same `x-webhook-message-id`, or null. */
  readonly duplicateOf: number | null;
}

export interface Inbox {
  /** `http://host:port/`: every path is accepted. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Every delivery so far, in arrival order. */
  readonly deliveries: readonly InboxDelivery[];
  /** Calls `listener` for each delivery; returns a function that stops it. */
  onDelivery(listener: (delivery: InboxDelivery) => void): () => void;
  /** Resolves once `count` deliveries arrived in total; rejects after `timeoutMs` (default 10000). */
  waitForDeliveries(count: number, timeoutMs?: number): Promise<InboxDelivery[]>;
  close(): Promise<void>;
}

/** A text from a request or an error, as one short log line: newlines flattened, cut at `max` characters. */
function oneLine(text: string, max = 300): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max)}...`;
}

function pairs(raw: readonly string[]): HeaderList {
  const list: HeaderList = [];
  for (let i = 0; i + 1 < raw.length; i += 2) list.push([raw[i]!, raw[i + 1]!]);
  return list;
}

// The documented shapes live in the catalog, which loads no faker: nothing to defer.
function chooseValidator(validate: InboxOptions['validate'], strictOrder: boolean): PayloadValidator | undefined {
  if (validate === false) return undefined;
  if (typeof validate === 'function') return validate;
  return (triggerId, payload) => checkPayload(triggerId, payload, { strictOrder });
}

/**
 * Starts a receiver that accepts both dialects, verifies signatures over the raw bytes, checks bodies
 * against their trigger, and answers 200, or 400/401 with the reason in a small JSON body.
 * @example const inbox = await createInbox({ secrets: ['s3cret'] }); await inbox.waitForDeliveries(1); await inbox.close();
 */
export async function createInbox(options: InboxOptions = {}): Promise<Inbox> {
  const secrets = [...(options.secrets ?? [])];
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (typeof maxBodyBytes !== 'number' || !Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new UsageError(
      `Failed to start the inbox: the body limit ${String(maxBodyBytes)} is not a whole number of bytes from 1. Pass e.g. --max-body ${DEFAULT_MAX_BODY_BYTES}.`,
      'BAD_OPTION',
    );
  }
  const reportError = options.onError ?? ((message: string): void => void process.stderr.write(`systeme-mock: ${message}\n`));
  const validate = chooseValidator(options.validate, options.strictOrder ?? false);
  const deliveries: InboxDelivery[] = [];
  const listeners = new Set<(delivery: InboxDelivery) => void>();
  const firstSeen = new Map<string, number>();
  let storeFd: number | undefined;
  // The store's length after its last complete line: a failed write is cut back to it.
  let storeSize = 0;
  // The seq of the first delivery of the current run of failed writes, or null while writes succeed.
  let storeFailingSince: number | null = null;
  if (options.store !== undefined) {
    try {
      storeFd = openSync(options.store, 'a');
      storeSize = fstatSync(storeFd).size;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SystemeMockError(`Failed to open the inbox store ${options.store}: ${reason}. Pass a writable path to --store.`, {
        code: 'STORE',
        exitCode: 2,
        cause: error,
      });
    }
  }

  /**
   * Appends one line to the store, whole or not at all: after a failed or short write (ENOSPC), the
   * file is cut back to its last complete line. Returns why it failed, or null. The first failure of
   * a run is reported once; the first success after it says how many were not stored.
   */
  function persist(line: string, seq: number): string | null {
    if (storeFd === undefined) return null;
    // The string is written as is (no copy into a Buffer); a short write counts as a failure below.
    const length = Buffer.byteLength(line, 'utf8');
    try {
      const written = writeSync(storeFd, line, null, 'utf8');
      if (written !== length) throw Object.assign(new Error(`wrote ${written} of ${length} bytes`), { code: 'ENOSPC' });
      storeSize += length;
      if (storeFailingSince !== null) {
        reportError(`Stored deliveries again from #${seq} on, in ${options.store}; #${storeFailingSince} to #${seq - 1} are not in it.`);
        storeFailingSince = null;
      }
      return null;
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOSPC'
          ? 'no space left on the device (ENOSPC)'
          : oneLine(error instanceof Error ? error.message : String(error));
      try {
        ftruncateSync(storeFd, storeSize);
      } catch {
        // Nothing more to do: the line count stays honest only if truncation works, and it was tried.
      }
      if (storeFailingSince === null) {
        storeFailingSince = seq;
        reportError(
          `Failed to store delivery #${seq} in ${options.store}: ${reason}. Deliveries are still checked and answered but not stored until a write succeeds; free space or pass another --store.`,
        );
      }
      return `not stored in ${options.store}: ${reason}`;
    }
  }

  function answer(response: ServerResponse, status: number, body: string): void {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }

  function record(request: IncomingMessage, response: ServerResponse, body: Buffer, tooLarge: boolean): void {
    const dialect = request.headers['x-webhook-event'] === undefined ? 'automation' : 'webhooks';
    const verdict: DeliveryVerdict = tooLarge
      ? {
          accepted: false,
          status: 413,
          dialect,
          trigger: null,
          messageId: null,
          signature: dialect === 'automation' ? 'unsigned' : 'unchecked',
          reason: `body larger than ${maxBodyBytes} bytes: not read (pass a larger --max-body to accept it)`,
          problems: [],
          notes: [],
        }
      : inspectDelivery({ method: request.method ?? 'GET', headers: request.headers, body }, { secrets, validate });
    const seq = deliveries.length + 1;
    let duplicateOf: number | null = null;
    if (verdict.accepted && verdict.messageId !== null) {
      duplicateOf = firstSeen.get(verdict.messageId) ?? null;
      if (duplicateOf === null) firstSeen.set(verdict.messageId, seq);
    }
    const notes =
      duplicateOf === null
        ? [...verdict.notes]
        : [...verdict.notes, `duplicate of #${duplicateOf} (same x-webhook-message-id): process it once`];
    const delivery: InboxDelivery = {
      ...verdict,
      notes,
      seq,
      receivedAt: new Date().toISOString(),
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: pairs(request.rawHeaders),
      body: tooLarge ? '' : body.toString('utf8'),
      duplicateOf,
    };
    // The note goes into the delivery (and so the answer and the printed line) when the write fails.
    const unstored = persist(JSON.stringify(delivery) + '\n', seq);
    if (unstored !== null) notes.push(unstored);
    deliveries.push(delivery);
    const reply = JSON.stringify({
      accepted: delivery.accepted,
      trigger: delivery.trigger,
      messageId: delivery.messageId,
      signature: delivery.signature,
      reason: delivery.reason,
      problems: delivery.problems,
      notes: delivery.notes,
    });
    answer(response, delivery.status, reply);
    for (const listener of listeners) {
      try {
        listener(delivery);
      } catch (error) {
        reportError(
          `Failed to run an onDelivery listener for delivery #${seq}: ${oneLine(error instanceof Error ? error.message : String(error))}. The inbox keeps running.`,
        );
      }
    }
  }

  // Nothing thrown while handling one request may stop the server: it answers 500 and reports one line.
  function handle(request: IncomingMessage, response: ServerResponse, body: Buffer, tooLarge: boolean): void {
    try {
      record(request, response, body, tooLarge);
    } catch (error) {
      const reason = oneLine(error instanceof Error ? error.message : String(error));
      reportError(
        `Failed to handle a ${request.method ?? ''} ${oneLine(request.url ?? '/', 200)} request: ${reason}. It was answered 500; the inbox keeps running.`,
      );
      answer(response, 500, JSON.stringify({ accepted: false, reason: 'the inbox failed to handle this request; see its log' }));
    }
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        // A sender that keeps going far past the limit gets its answer now, and the connection closes.
        if (size > maxBodyBytes + DRAIN_LIMIT_BYTES && !response.headersSent) {
          response.shouldKeepAlive = false;
          handle(request, response, Buffer.alloc(0), true);
        }
        return;
      }
      if (size > maxBodyBytes) {
        // Past the limit: forget what was kept and discard the rest as it arrives.
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      if (!response.headersSent) handle(request, response, tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks, size), tooLarge);
    });
    request.on('error', () => response.destroy());
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is in use' : error.message;
      reject(
        new SystemeMockError(
          `Failed to start the inbox on ${host}:${options.port ?? 0}: ${reason}. Pass another --port (0 picks a free one).`,
          {
            code: 'LISTEN',
            exitCode: 1,
            cause: error,
          },
        ),
      );
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    host,
    deliveries,
    onDelivery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForDeliveries(count, timeoutMs = 10_000) {
      if (deliveries.length >= count) return Promise.resolve(deliveries.slice(0, count));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`Failed to receive ${count} deliveries: ${deliveries.length} arrived within ${timeoutMs} ms.`));
        }, timeoutMs);
        const check = (): void => {
          if (deliveries.length < count) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(deliveries.slice(0, count));
        };
        listeners.add(check);
      });
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (storeFd !== undefined) {
        closeSync(storeFd);
        storeFd = undefined;
      }
    },
  };
}
