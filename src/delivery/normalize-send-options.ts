import { UsageError } from '../errors.js';
import { parseDuration } from '../wire/parse-duration.js';
import { parseWholeNumber } from '../wire/parse-whole-number.js';
import { FAULT_DESCRIPTIONS, FAULT_MODES, type FaultMode } from './apply-faults.js';
import type { RetrySchedule } from './compute-retry-delay.js';
import { createSubscriptionId } from '../wire/uuid-v7.js';

/** How to deliver events, as a user writes it (CLI flags map one to one). */
export interface SendOptions {
  /** The receiver's URL (`--to`). */
  to: string;
  /** The webhook's secret; needed to sign webhooks-dialect deliveries. Never printed or logged. */
  secret?: string | undefined;
  /** Send webhooks-dialect deliveries without `x-webhook-signature` when no secret is known. */
  unsigned?: boolean | undefined;
  /** Per-attempt timeout (`--timeout`): ms, or `10s`, `500ms`, `2m`. Default 10 s; systeme.io's is unknown. */
  timeoutMs?: number | string | undefined;
  /** Retries after the first attempt (`--retries`). Default 3; systeme.io's is unknown. */
  retries?: number | string | undefined;
  /** Wait before the first retry (`--retry-delay`): ms or `1s`; doubled each retry. Default 1 s. */
  retryDelayMs?: number | string | undefined;
  /** Longest wait between attempts (`--retry-max-delay`): ms or `30s`; also caps `Retry-After`. Default 30 s. */
  retryMaxDelayMs?: number | string | undefined;
  /** Status codes that count as delivered (`--success`), e.g. `"200-299"` or `[200, 204]`. Default 200-299. */
  success?: string | readonly number[] | undefined;
  /** Receiver faults to inject (`--fault`). */
  faults?: readonly string[] | undefined;
  /** Add `x-forwarded-for` with one of systeme.io's addresses (`--source-ip`): a simulation. */
  sourceIp?: boolean | undefined;
  /** `x-webhook-subscription-id`; default: a UUIDv7 derived from the URL, stable per target. */
  subscriptionId?: string | undefined;
  /** The run's seed: the subscription id's time (the webhook's creation) derives from it and the URL. */
  seed?: string | number | undefined;
}

/** Options after validation and defaults: everything downstream trusts them. */
export interface NormalizedSendOptions {
  readonly url: string;
  readonly secret: string | undefined;
  readonly unsigned: boolean;
  readonly timeoutMs: number;
  readonly retry: RetrySchedule;
  /** Ranges of status codes that count as delivered, inclusive. */
  readonly success: ReadonlyArray<readonly [from: number, to: number]>;
  readonly faults: readonly FaultMode[];
  readonly sourceIp: boolean;
  readonly subscriptionId: string;
}

export const DEFAULT_SEND_OPTIONS = {
  timeoutMs: 10_000,
  retries: 3,
  retryDelayMs: 1_000,
  retryFactor: 2,
  retryMaxDelayMs: 30_000,
  success: '200-299',
} as const;

function parseUrl(to: string): string {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    url = new URL('invalid:');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new UsageError(`Failed to parse --to "${to}": not an http(s) URL. Pass a URL like http://127.0.0.1:3000/webhooks.`, 'BAD_URL');
  }
  return url.href;
}

function readDuration(flag: string, raw: number | string | undefined, fallback: number, example: string, allowZero: boolean): number {
  return raw === undefined ? fallback : parseDuration(raw, flag, { allowZero, example });
}

/** Parses `200-299,304` into inclusive ranges. */
export function parseStatusRanges(spec: string | readonly number[]): Array<[number, number]> {
  const fail = (): never => {
    throw new UsageError(
      `Failed to parse --success "${String(spec)}": expected status codes or ranges like 200-299,304. Pass e.g. --success 200-299.`,
    );
  };
  const parts = typeof spec === 'string' ? spec.split(',').map((p) => p.trim()) : spec.map(String);
  if (parts.length === 0) fail();
  return parts.map((part) => {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    if (match === null) return fail();
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 100 || to > 599 || to < from) return fail();
    return [from, to] as [number, number];
  });
}

function parseFaults(faults: readonly string[] | undefined): FaultMode[] {
  const modes: FaultMode[] = [];
  for (const fault of faults ?? []) {
    if (!(FAULT_MODES as readonly string[]).includes(fault)) {
      throw new UsageError(`Failed to parse --fault "${fault}": not a fault mode. Pass one of ${FAULT_MODES.join(', ')}.`, 'BAD_FAULT');
    }
    const mode = fault as FaultMode;
    const clash = modes.find((m) => m !== mode && FAULT_DESCRIPTIONS[m].group === FAULT_DESCRIPTIONS[mode].group);
    if (clash !== undefined) {
      throw new UsageError(
        `Failed to combine --fault ${clash} and --fault ${mode}: both change the ${FAULT_DESCRIPTIONS[mode].group}. Pass only one of them.`,
        'BAD_FAULT',
      );
    }
    if (!modes.includes(mode)) modes.push(mode);
  }
  return modes;
}

/**
 * Validates and defaults send options once, with one-line usage errors.
 * @example normalizeSendOptions({ to: 'http://127.0.0.1:3000/webhooks', secret: 's3cret' })
 */
export function normalizeSendOptions(user: SendOptions): NormalizedSendOptions {
  const url = parseUrl(user.to);
  if (user.secret !== undefined && user.secret.length === 0) {
    throw new UsageError("Failed to read the secret: it is empty. Pass the webhook's secret, as set in systeme.io.", 'BAD_SECRET');
  }
  const d = DEFAULT_SEND_OPTIONS;
  const delayMs = readDuration('--retry-delay', user.retryDelayMs, d.retryDelayMs, '1s', true);
  return {
    url,
    secret: user.secret,
    unsigned: user.unsigned === true,
    timeoutMs: readDuration('--timeout', user.timeoutMs, d.timeoutMs, '10s', false),
    retry: {
      limit: user.retries === undefined ? d.retries : parseWholeNumber(user.retries, '--retries', { min: 0, example: 3 }),
      delayMs,
      factor: d.retryFactor,
      maxDelayMs: Math.max(delayMs, readDuration('--retry-max-delay', user.retryMaxDelayMs, d.retryMaxDelayMs, '30s', true)),
    },
    success: parseStatusRanges(user.success ?? d.success),
    faults: parseFaults(user.faults),
    sourceIp: user.sourceIp === true,
    subscriptionId: user.subscriptionId ?? createSubscriptionId(url, user.seed === undefined ? '' : String(user.seed)),
  };
}

/** True when a status counts as delivered under the configured success codes. */
export function isSuccessStatus(status: number, options: Pick<NormalizedSendOptions, 'success'>): boolean {
  return options.success.some(([from, to]) => status >= from && status <= to);
}
