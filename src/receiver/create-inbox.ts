import { closeSync, openSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderList } from '../wire/headers.js';
import { checkPayload } from '../catalog/validate-payload.js';
import { SystemeMockError } from '../errors.js';
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
  /** Larger bodies are answered 413. Default 10 MiB. */
  maxBodyBytes?: number | undefined;
}

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
  const validate = chooseValidator(options.validate, options.strictOrder ?? false);
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const deliveries: InboxDelivery[] = [];
  const listeners = new Set<(delivery: InboxDelivery) => void>();
  const firstSeen = new Map<string, number>();
  let storeFd: number | undefined;
  if (options.store !== undefined) {
    try {
      storeFd = openSync(options.store, 'a');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SystemeMockError(`Failed to open the inbox store ${options.store}: ${reason}. Pass a writable path to --store.`, {
        code: 'STORE',
        exitCode: 2,
        cause: error,
      });
    }
  }

  function record(request: IncomingMessage, response: ServerResponse, body: Buffer, tooLarge: boolean): void {
    const verdict: DeliveryVerdict = tooLarge
      ? {
          accepted: false,
          status: 413,
          dialect: request.headers['x-webhook-event'] === undefined ? 'automation' : 'webhooks',
          trigger: null,
          messageId: null,
          signature: 'unchecked',
          reason: `body larger than ${maxBodyBytes} bytes`,
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
    const notes = duplicateOf === null ? verdict.notes : [...verdict.notes, `duplicate of #${duplicateOf} (same x-webhook-message-id): process it once`];
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
    deliveries.push(delivery);
    if (storeFd !== undefined) writeSync(storeFd, JSON.stringify(delivery) + '\n');
    const answer = JSON.stringify({
      accepted: delivery.accepted,
      trigger: delivery.trigger,
      messageId: delivery.messageId,
      signature: delivery.signature,
      reason: delivery.reason,
      problems: delivery.problems,
      notes: delivery.notes,
    });
    response.writeHead(delivery.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
    response.end(answer);
    for (const listener of listeners) listener(delivery);
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => record(request, response, Buffer.concat(chunks), tooLarge));
    request.on('error', () => response.destroy());
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is in use' : error.message;
      reject(
        new SystemeMockError(`Failed to start the inbox on ${host}:${options.port ?? 0}: ${reason}. Pass another --port (0 picks a free one).`, {
          code: 'LISTEN',
          exitCode: 1,
          cause: error,
        }),
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
