import { randomBytes, randomInt } from 'node:crypto';
import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaderList } from '../wire/headers.js';
import { createSubscriptionId, createUuidV7 } from '../wire/uuid-v7.js';
import { UsageError } from '../errors.js';
import { createGenerator } from '../generate/index.js';
import { createTriggerPicker } from '../load/create-trigger-picker.js';
import { parseMix } from '../load/parse-load-values.js';
import { createPayloadSigner } from '../signature/sign-payload.js';

/** What Artillery's HTTP engine hands a `beforeRequest` function: the request about to be sent (got options). */
export interface ArtilleryRequestParams {
  url?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  json?: unknown;
  [key: string]: unknown;
}

/** Artillery's per-virtual-user context; only `vars` is read (and `systemeMock` written) here. */
export interface ArtilleryContext {
  vars: Record<string, unknown>;
  [key: string]: unknown;
}

/** Artillery's event emitter: custom metrics are `emit('counter', name, value)`. */
export interface ArtilleryEvents {
  emit(event: string, ...args: unknown[]): unknown;
}

export type ArtilleryNext = (error?: Error | null) => void;

export interface ArtilleryProcessorOptions {
  /** Weighted triggers as `fire --mix` takes them: `SALE_NEW=80,SALE_CANCELED=20` (or a list of such). */
  mix: string | readonly string[];
  /** Same seed, same trigger picks and bodies for a given stream. Default: env SYSTEME_MOCK_SEED, else random (logged). */
  seed?: string | number | undefined;
  /** The webhook secret. Default: env SYSTEME_MOCK_SECRET. Webhooks triggers need one unless `unsigned`. */
  secret?: string | undefined;
  /** Send webhooks triggers without `x-webhook-signature` when there is no secret. */
  unsigned?: boolean | undefined;
  /**
   * This worker's index stream, 0 to 2^25 - 1. Default: env SYSTEME_MOCK_STREAM, else drawn from a
   * random 64-bit worker id. Give it only to replay one logged worker: two workers on one stream send
   * the same events.
   */
  stream?: number | string | undefined;
  /** A folder of templates that add or replace triggers. */
  templatesDir?: string | undefined;
  /** Where the seed line goes. Default: console.log (Artillery prints its workers' output). */
  log?: ((line: string) => void) | undefined;
  /** Where SYSTEME_MOCK_* are read from; default process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** What the processor did for the request it last prepared, kept on `context.vars.systemeMock`. */
export interface PreparedEvent {
  trigger: string;
  index: number;
  messageId: string;
}

export interface ArtilleryProcessor {
  /** Artillery `beforeRequest` hook: sets `body` (exact bytes) and the dialect's headers. */
  beforeRequest(requestParams: ArtilleryRequestParams, context: ArtilleryContext, events: ArtilleryEvents, next: ArtilleryNext): void;
  readonly seed: string;
  readonly stream: number;
  /** The random worker id the stream was drawn from (hex), or null when the stream was given. */
  readonly workerId: string | null;
}

/** Bits of an event index given to a worker's own counter: 16.7 million requests per worker. */
export const STREAM_LOCAL_BITS = 24;
/**
 * Streams: 2^25, so index = stream * 2^24 + n stays below 2^49 and every id derived from it (order item
 * ids are 15e6 + 9 * index) stays a safe integer.
 */
export const STREAM_COUNT = 2 ** 25;
const LOCAL_SPAN = 2 ** STREAM_LOCAL_BITS;

function readStream(value: string | number): number {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n >= STREAM_COUNT) {
    throw new UsageError(
      `Failed to read the Artillery stream "${String(value)}": it must be a whole number from 0 to ${STREAM_COUNT - 1}. Unset SYSTEME_MOCK_STREAM to draw one per worker.`,
      'BAD_OPTION',
    );
  }
  return n;
}

/**
 * A processor for Artillery scenarios: each `beforeRequest` builds the next event of the trigger mix,
 * PHP-encodes it, signs it, and sets the exact bytes as `body` (a Buffer: Artillery neither templates nor
 * re-serializes it) and systeme.io's headers in their captured order. Each worker sends indexes
 * stream * 2^24 + 0, 1, 2, ... from a stream drawn from a random 64-bit worker id, so workers on any
 * number of machines send disjoint events; the seed and stream are logged so a worker can be replayed.
 * Counts each request as `systeme_mock.sent.<trigger>`.
 * @example export const { beforeRequest } = createArtilleryProcessor({ mix: 'SALE_NEW=80,SALE_CANCELED=20' });
 */
export function createArtilleryProcessor(options: ArtilleryProcessorOptions): ArtilleryProcessor {
  const env = options.env ?? process.env;
  const mix = parseMix(typeof options.mix === 'string' ? [options.mix] : options.mix, 'the Artillery mix');
  if (mix.length === 0) {
    throw new UsageError(
      'Failed to create the Artillery processor: the mix is empty. Pass mix: "SALE_NEW=80,SALE_CANCELED=20".',
      'BAD_MIX',
    );
  }
  const definitions = new Map<string, TriggerDefinition>();
  for (const { trigger } of mix) definitions.set(trigger, getTrigger(trigger, { templatesDir: options.templatesDir }));
  const secret = options.secret ?? (env['SYSTEME_MOCK_SECRET'] === '' ? undefined : env['SYSTEME_MOCK_SECRET']);
  const signed = [...definitions.values()].filter((d) => d.dialect === 'webhooks').map((d) => d.id);
  if (secret === undefined && signed.length > 0 && options.unsigned !== true) {
    throw new UsageError(
      `Failed to sign ${signed.join(', ')} in Artillery: no secret. Set SYSTEME_MOCK_SECRET in the environment Artillery runs in (or pass unsigned: true to send them without x-webhook-signature).`,
      'NO_SECRET',
    );
  }
  const seed = String(options.seed ?? env['SYSTEME_MOCK_SEED'] ?? randomInt(0, 2 ** 31));
  const givenStream = options.stream ?? env['SYSTEME_MOCK_STREAM'];
  let workerId: string | null = null;
  let stream: number;
  if (givenStream !== undefined && givenStream !== '') {
    stream = readStream(givenStream);
  } else {
    const id = randomBytes(8);
    workerId = id.toString('hex');
    stream = Number(id.readBigUInt64BE() % BigInt(STREAM_COUNT));
  }
  const generator = createGenerator({ seed, templatesDir: options.templatesDir });
  const pick = createTriggerPicker(mix, seed);
  const sign = secret === undefined ? undefined : createPayloadSigner(secret);
  const automationHeaders = Object.fromEntries(buildAutomationHeaders());
  const subscriptions = new Map<string, string>();
  const counterNames = new Map(mix.map((e) => [e.trigger, `systeme_mock.sent.${e.trigger}`]));
  const first = stream * LOCAL_SPAN;
  let sent = 0;

  (options.log ?? console.log)(
    `systeme-mock: seed ${seed}, stream ${stream}${workerId === null ? '' : ` (worker id ${workerId})`}, mix ${mix.map((e) => `${e.trigger}=${e.weight}`).join(',')}. Replay this worker with SYSTEME_MOCK_SEED=${seed} SYSTEME_MOCK_STREAM=${stream}.`,
  );

  function prepare(requestParams: ArtilleryRequestParams, context: ArtilleryContext, events: ArtilleryEvents): void {
    if (sent >= LOCAL_SPAN) {
      throw new Error(
        `Failed to build request ${sent} of stream ${stream}: a worker has ${LOCAL_SPAN} indexes. Split the run over more workers.`,
      );
    }
    const index = first + sent++;
    const trigger = pick(index);
    const definition = definitions.get(trigger)!;
    const now = new Date();
    const event = generator.eventBody(trigger, index, { at: now });
    const nowMs = now.getTime();
    const messageId = createUuidV7(nowMs);
    let headers: Record<string, string>;
    if (definition.dialect === 'automation') {
      headers = { ...automationHeaders };
    } else {
      const url = requestParams.url ?? '';
      let subscriptionId = subscriptions.get(url);
      if (subscriptionId === undefined) subscriptions.set(url, (subscriptionId = createSubscriptionId(url)));
      const flat = buildWebhooksHeaderList({
        event: definition.wireName,
        schemaVersion: definition.schemaVersion ?? 1,
        body: event.body,
        signature: sign?.(event.body),
        messageId,
        subscriptionId,
        attemptId: createUuidV7(nowMs),
        eventTime: event.eventTime,
        attemptTime: now,
      });
      headers = {};
      for (let k = 0; k < flat.length; k += 2) headers[flat[k]!] = flat[k + 1]!;
    }
    // Headers the scenario set come after systeme.io's, which win on a clash.
    for (const [name, value] of Object.entries(requestParams.headers ?? {}))
      if (!(name.toLowerCase() in headers)) headers[name.toLowerCase()] = value;
    requestParams.headers = headers;
    // A Buffer is sent as is: Artillery templates strings ("{{ }}") and would serialize `json`.
    requestParams.body = Buffer.from(event.body);
    delete requestParams.json;
    const prepared: PreparedEvent = { trigger, index, messageId };
    context.vars['systemeMock'] = prepared;
    events.emit('counter', counterNames.get(trigger)!, 1);
  }

  return {
    seed,
    stream,
    workerId,
    beforeRequest(requestParams, context, events, next) {
      try {
        prepare(requestParams, context, events);
      } catch (error) {
        next(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      next();
    },
  };
}
