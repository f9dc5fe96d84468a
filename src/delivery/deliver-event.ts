import { setTimeout as sleep } from 'node:timers/promises';
import { StringDecoder } from 'node:string_decoder';
import got, { type Got } from 'got';
import type { IncomingHttpHeaders } from 'node:http';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { UsageError } from '../errors.js';
import { applyFaults, FAULT_DESCRIPTIONS, type PreparedRequest } from './apply-faults.js';
import { computeRetryDelay, parseRetryAfter } from './compute-retry-delay.js';
import type { DeliveryLog, DeliveryLogEntry } from '../wire/delivery-log.js';
import { buildAutomationHeaders, buildWebhooksHeaders, SYSTEME_IO_SOURCE_IPS, type HeaderList } from '../wire/headers.js';
import { isSuccessStatus, type NormalizedSendOptions } from './normalize-send-options.js';
import { computeDeliveryGaps, createUuidV7 } from '../wire/uuid-v7.js';

/** What a delivery needs from an event: a `GeneratedEvent` fits, and so does a replayed fixture line. */
export interface DeliverableEvent {
  readonly trigger: Pick<TriggerDefinition, 'id' | 'dialect' | 'wireName' | 'schemaVersion'>;
  /** The exact bytes to send. */
  readonly body: string | Buffer;
  /** When systeme.io raised the event: `x-webhook-event-timestamp`, kept across retries. */
  readonly eventTime: Date;
  /** Position in the run; picks the `--source-ip` address. */
  readonly index?: number | undefined;
}

/** The ids and times of one attempt. */
export interface AttemptIds {
  readonly messageId: string;
  readonly attemptId: string;
  readonly attemptTime: Date;
}

/** One HTTP attempt and its outcome. */
export interface AttemptResult extends DeliveryLogEntry {
  /** The receiver's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs: number | null;
  /** The start of the receiver's answer (at most 2000 characters), or null when none arrived. */
  readonly responseBody: string | null;
}

/** A delivery: every attempt, and whether one of them succeeded. */
export interface DeliveryResult {
  readonly trigger: string;
  readonly messageId: string;
  readonly url: string;
  readonly ok: boolean;
  readonly attempts: readonly AttemptResult[];
  /** The last attempt's status, or null when none answered. */
  readonly status: number | null;
  /** Why the delivery failed (the last attempt's error), or null. */
  readonly error: string | null;
  /** Stopped early by Ctrl-C (or the caller's signal). */
  readonly interrupted: boolean;
}

export interface DeliverContext {
  /** Reuse a message id: the `duplicate` fault delivers one message twice. */
  readonly messageId?: string | undefined;
  /** When aborted, no further attempt or retry starts. */
  readonly stopSignal?: AbortSignal | undefined;
  /** When aborted, the attempt in flight is cancelled. */
  readonly abortSignal?: AbortSignal | undefined;
  readonly log?: DeliveryLog | undefined;
  readonly onAttempt?: ((attempt: AttemptResult) => void) | undefined;
}

const RESPONSE_PREVIEW = 2000;

/**
 * The exact request of one attempt: systeme.io's headers for the trigger's dialect, in order, signed
 * over the exact body, with the configured faults applied. Pure; the load engine reuses it.
 * @example buildDeliveryRequest(event, options, { messageId, attemptId, attemptTime: new Date() })
 */
export function buildDeliveryRequest(event: DeliverableEvent, options: NormalizedSendOptions, ids: AttemptIds): PreparedRequest {
  const { trigger } = event;
  assertDeliverable(trigger, options);
  let headers: HeaderList;
  if (trigger.dialect === 'webhooks') {
    headers = buildWebhooksHeaders({
      event: trigger.wireName,
      schemaVersion: trigger.schemaVersion ?? 1,
      body: event.body,
      secret: options.unsigned ? undefined : options.secret,
      messageId: ids.messageId,
      subscriptionId: options.subscriptionId,
      attemptId: ids.attemptId,
      eventTime: event.eventTime,
      attemptTime: ids.attemptTime,
    });
  } else {
    headers = buildAutomationHeaders();
  }
  if (options.sourceIp) {
    const address = SYSTEME_IO_SOURCE_IPS[(event.index ?? 0) % SYSTEME_IO_SOURCE_IPS.length]!;
    headers.push(['x-forwarded-for', address]);
  }
  return applyFaults(options.faults, { body: event.body, headers }, { dialect: trigger.dialect, secret: options.secret });
}

/**
 * Throws a usage error when a trigger cannot be delivered with these options: a webhooks trigger with no
 * secret (unless `unsigned`), or a signature fault on the unsigned automation dialect.
 */
export function assertDeliverable(
  trigger: Pick<TriggerDefinition, 'id' | 'dialect'>,
  options: Pick<NormalizedSendOptions, 'url' | 'secret' | 'unsigned' | 'faults'>,
): void {
  if (trigger.dialect === 'webhooks' && options.secret === undefined && !options.unsigned) {
    throw new UsageError(
      `Failed to sign ${trigger.id} for ${options.url}: no secret. Pass --secret-file FILE or set SYSTEME_MOCK_SECRET (or pass --unsigned to send it without x-webhook-signature).`,
      'NO_SECRET',
    );
  }
  for (const fault of options.faults) {
    if (!FAULT_DESCRIPTIONS[fault].dialects.includes(trigger.dialect)) {
      throw new UsageError(
        `Failed to apply --fault ${fault} to ${trigger.id}: the automation dialect is unsigned. Pick a webhooks trigger such as SALE_NEW, or one of the faults duplicate, stale-timestamp, pretty-body.`,
        'BAD_FAULT',
      );
    }
  }
}

// got reorders headers (its default user-agent keeps the first slot even when ours replaces it), so the
// request's headers are rebuilt in systeme.io's order just before sending; got's own additions (only
// content-length, with decompress off) follow.
let client: Got | undefined;
function getClient(): Got {
  client ??= got.extend({
    hooks: {
      beforeRequest: [
        (options) => {
          const ordered = options.context['orderedHeaders'] as HeaderList | undefined;
          if (ordered === undefined) return;
          const previous = options.headers;
          const headers: Record<string, string | string[] | undefined> = {};
          for (const [name, value] of ordered) headers[name] = value;
          for (const name of Object.keys(previous)) if (!(name in headers)) headers[name] = previous[name];
          options.headers = headers;
        },
      ],
    },
  });
  return client;
}

/** The part of a response a delivery uses: its status, headers and the start of its body. */
interface ResponseHead {
  statusCode: number;
  headers: IncomingHttpHeaders;
  preview: string;
}

/**
 * POSTs and reads the answer up to RESPONSE_PREVIEW characters, then stops reading and drops the
 * connection: a receiver that answers 200 with 700 MB is a delivered event, not a body to buffer
 * (buffering it whole failed with ERR_BODY_PARSE_FAILURE and the event was sent again).
 */
function postForPreview(
  url: string,
  request: PreparedRequest,
  options: NormalizedSendOptions,
  signal: AbortSignal | undefined,
): Promise<ResponseHead> {
  return new Promise((resolve, reject) => {
    const stream = getClient().stream.post(url, {
      body: request.body,
      headers: Object.fromEntries(request.headers),
      context: { orderedHeaders: request.headers },
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: options.timeoutMs },
      decompress: false,
      followRedirect: false,
      signal,
    });
    const decoder = new StringDecoder('utf8');
    let head: { statusCode: number; headers: IncomingHttpHeaders } | undefined;
    let preview = '';
    let settled = false;
    const finish = (): void => {
      if (settled || head === undefined) return;
      settled = true;
      // Destroying also removes got's listener on the abort signal (it stays until then, one per attempt).
      stream.destroy();
      resolve({ ...head, preview: preview.slice(0, RESPONSE_PREVIEW) });
    };
    stream.on('response', (response: { statusCode: number; headers: IncomingHttpHeaders }) => {
      head = { statusCode: response.statusCode, headers: response.headers };
    });
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      preview += decoder.write(chunk);
      if (preview.length >= RESPONSE_PREVIEW) finish();
    });
    stream.on('end', () => {
      preview += decoder.end();
      finish();
    });
    stream.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      reject(error);
    });
  });
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'ERR_GOT_REQUEST_ERROR') return code;
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error as { name?: unknown }).name === 'AbortError';
}

/**
 * Delivers one event with got, retrying network errors, timeouts, 5xx and 429 (honouring Retry-After)
 * on the configured schedule. Every attempt is logged; a retry keeps the message id and event time and
 * gets a new attempt id and attempt time.
 * @example await deliverEvent(generate('SALE_NEW', { seed: 1 }), normalizeSendOptions({ to, secret }))
 */
export async function deliverEvent(
  event: DeliverableEvent,
  options: NormalizedSendOptions,
  context: DeliverContext = {},
): Promise<DeliveryResult> {
  assertDeliverable(event.trigger, options);
  // The first attempt goes out now; its message was created a little before (CAP: 152 ms), after the event.
  const firstAttemptTime = new Date();
  const messageId =
    context.messageId ?? createUuidV7(firstAttemptTime.getTime() - computeDeliveryGaps(event.index ?? 0).messageToAttemptMs);
  const attempts: AttemptResult[] = [];
  let interrupted = false;
  for (let attempt = 1; attempt <= options.retry.limit + 1; attempt++) {
    if (context.stopSignal?.aborted === true || context.abortSignal?.aborted === true) {
      interrupted = true;
      break;
    }
    const attemptTime = attempt === 1 ? firstAttemptTime : new Date();
    const attemptId = createUuidV7(attemptTime.getTime());
    const request = buildDeliveryRequest(event, options, { messageId, attemptId, attemptTime });
    const started = performance.now();
    let response: ResponseHead | undefined;
    let error: string | null = null;
    try {
      response = await postForPreview(options.url, request, options, context.abortSignal);
    } catch (caught) {
      if (isAbort(caught, context.abortSignal)) {
        interrupted = true;
        error = 'ABORTED';
      } else {
        error = describeError(caught);
      }
    }
    const status = response?.statusCode ?? null;
    const ok = status !== null && isSuccessStatus(status, options);
    if (status !== null && !ok) error = `HTTP ${status}`;
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response?.headers['retry-after']) : null;
    const result: AttemptResult = {
      time: attemptTime.toISOString(),
      trigger: event.trigger.id,
      messageId,
      attempt,
      attemptId: event.trigger.dialect === 'webhooks' ? attemptId : null,
      url: options.url,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      error,
      ok,
      retryAfterMs,
      responseBody: response === undefined ? null : response.preview,
    };
    attempts.push(result);
    const { retryAfterMs: _r, responseBody: _b, ...entry } = result;
    context.log?.write(entry);
    context.onAttempt?.(result);
    if (ok || interrupted) break;
    const retryable = status === null || status >= 500 || status === 429;
    if (!retryable || attempt > options.retry.limit) break;
    try {
      await sleep(computeRetryDelay(attempt, options.retry, retryAfterMs), undefined, { signal: context.stopSignal });
    } catch {
      interrupted = true;
      break;
    }
  }
  const last = attempts.at(-1);
  return {
    trigger: event.trigger.id,
    messageId,
    url: options.url,
    ok: last?.ok === true,
    attempts,
    status: last?.status ?? null,
    error: last === undefined ? 'ABORTED' : last.error,
    interrupted,
  };
}
