import { randomInt } from 'node:crypto';
import { resolveSecret } from '../wire/resolve-secrets.js';
import { parseRaise, type AccountConfiguration } from '../journey/causal-rules.js';
import { parseSpeed } from '../journey/pace-journey.js';
import { UsageError } from '../errors.js';
import { parseDuration } from '../wire/parse-duration.js';
import { parseWholeNumber } from '../wire/parse-whole-number.js';
import { parseMix, parseRate, parseThreshold } from './parse-load-values.js';
import type { MixEntry, Threshold } from './parse-load-values.js';

/** What a user (CLI or library) passes to `fire`. Strings take the CLI's forms; numbers are taken as is. */
export interface FireOptions {
  /** Trigger ids, each optionally weighted: `SALE_NEW`, `SALE_CANCELED=20`. */
  triggers?: readonly string[] | undefined;
  /** `SALE_NEW=80,SALE_CANCELED=20`; joins `triggers`. */
  mix?: string | readonly string[] | undefined;
  /** The receiver's URL (http or https). */
  to?: string | undefined;
  /** `500/s`, `30000/m`, `500`, `max`, or a number of requests per second. Default 10/s. */
  rate?: string | number | undefined;
  /** `30s`, `5m`, or milliseconds (a bare number is ms, as for every duration). Exactly one of duration and count. */
  duration?: string | number | undefined;
  count?: string | number | undefined;
  /** Linear ramp from 0 to the rate: `30s`, or milliseconds. Default none. */
  ramp?: string | number | undefined;
  /** The cap on requests in flight. Default 256. */
  concurrency?: string | number | undefined;
  /** Past this lateness a due request is dropped (and counted). Default 1s. */
  maxLag?: string | number | undefined;
  /** Per-request timeout. Default 10s. */
  timeout?: string | number | undefined;
  /** After Ctrl-C, how long in-flight requests may finish. Default 2s. */
  grace?: string | number | undefined;
  /** Same seed, same payload stream and same trigger picks. Default: random (and reported). */
  seed?: string | number | undefined;
  secret?: string | readonly string[] | undefined;
  secretFile?: string | readonly string[] | undefined;
  /** Send webhooks-dialect triggers without `x-webhook-signature` when no secret is given. Default false. */
  unsigned?: boolean | undefined;
  /** Where SYSTEME_MOCK_SECRET is read from; default process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Worker threads sharing the schedule. Default 1 (in-process). */
  workers?: string | number | undefined;
  /** Fire journeys instead of single events: they start at `rate`, their later steps follow as planned. */
  journey?: string | undefined;
  /** With `journey`: how much faster than real time the journeys run (`3600x`, or a number). Default 1. */
  speed?: string | number | undefined;
  /** With `journey`: what each step raises (`automation,webhooks`, or a configuration). Default: its own trigger. */
  raise?: string | AccountConfiguration | undefined;
  /** Write the JSON report here. */
  report?: string | undefined;
  /** Append one NDJSON line per attempt here. */
  log?: string | undefined;
  /** `p99<500ms`, `errors<1%`, `rate>490/s`, ... */
  thresholds?: readonly string[] | undefined;
  /** A folder of templates that add or replace triggers. */
  templatesDir?: string | undefined;
}

/** Options after validation and defaults: everything downstream trusts them. */
export interface NormalizedFireOptions {
  url: string;
  mix: MixEntry[];
  rate: number;
  rampMs: number;
  /** Infinity when the run is bounded by count. */
  durationMs: number;
  /** Infinity when the run is bounded by duration. */
  count: number;
  concurrency: number;
  maxLagMs: number;
  lateAfterMs: number;
  timeoutMs: number;
  graceMs: number;
  seed: string;
  secret: string | undefined;
  /** No secret and webhooks-dialect triggers are sent without a signature, on purpose. */
  unsigned: boolean;
  workers: number;
  reportFile: string | undefined;
  logFile: string | undefined;
  thresholds: Threshold[];
  templatesDir: string | undefined;
  journey: string | undefined;
  speed: number;
  raises: AccountConfiguration | undefined;
}

/** A request sent more than this after its due time counts as late (timers alone cost ~1 ms). */
export const LATE_AFTER_MS = 10;

function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function readDuration(value: string | number | undefined, option: string, fallback: number, example: string, allowZero = false): number {
  if (value === undefined) return fallback;
  return parseDuration(value, option, { allowZero, example });
}

function readInteger(value: string | number | undefined, option: string, fallback: number, example: string): number {
  if (value === undefined) return fallback;
  return parseWholeNumber(value, option, { example });
}

function readUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError('Failed to fire: no receiver given. Pass --to http://127.0.0.1:3000/webhooks (your staging receiver).', 'BAD_URL');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new UsageError(`Failed to read --to "${value}": it is not a URL. Write it as http://127.0.0.1:3000/webhooks.`, 'BAD_URL', error);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `Failed to read --to "${value}": ${url.protocol} is not http or https. Write it as http://127.0.0.1:3000/webhooks.`,
      'BAD_URL',
    );
  }
  return url.href;
}

/**
 * Validates and defaults fire options in one place (ky style); each malformed option is a one-line
 * UsageError naming the fix.
 * @example normalizeFireOptions({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1:3000/', rate: '500/s', duration: '30s' })
 */
export function normalizeFireOptions(options: FireOptions): NormalizedFireOptions {
  const mix = [...parseMix(options.triggers ?? [], 'the trigger list'), ...parseMix(toList(options.mix))];
  const seen = new Set<string>();
  for (const entry of mix) {
    if (seen.has(entry.trigger)) {
      throw new UsageError(
        `Failed to read the triggers: ${entry.trigger} is named twice. Name each trigger once, with its weight in --mix.`,
        'BAD_MIX',
      );
    }
    seen.add(entry.trigger);
  }
  if (options.journey !== undefined && mix.length > 0) {
    throw new UsageError('Failed to fire --journey: trigger ids and --mix exclude it. A journey names its own triggers.', 'BAD_MIX');
  }
  if (mix.length === 0 && options.journey === undefined) {
    throw new UsageError(
      'Failed to fire: no trigger given. Name one, as in "systeme-mock fire SALE_NEW --to URL --rate 50/s --duration 30s".',
      'BAD_MIX',
    );
  }
  const url = readUrl(options.to);
  const rate = options.rate === undefined ? 10 : typeof options.rate === 'number' ? checkRateNumber(options.rate) : parseRate(options.rate);
  const rampMs = readDuration(options.ramp, '--ramp', 0, '30s', true);
  if (rampMs > 0 && !Number.isFinite(rate)) {
    throw new UsageError(
      'Failed to read --ramp: a ramp needs a finite --rate to climb to. Pass --rate 500/s with it, or drop --ramp.',
      'BAD_OPTION',
    );
  }
  if (options.duration !== undefined && options.count !== undefined) {
    throw new UsageError('Failed to read --duration and --count: both bound the run. Pass one of them.', 'BAD_OPTION');
  }
  if (options.duration === undefined && options.count === undefined) {
    throw new UsageError('Failed to fire: the run has no end. Pass --duration 30s or --count 1000.', 'BAD_OPTION');
  }
  const durationMs = options.duration === undefined ? Infinity : readDuration(options.duration, '--duration', 0, '30s');
  const count = options.count === undefined ? Infinity : readInteger(options.count, '--count', 1, '3');
  const concurrency = readInteger(options.concurrency, '--concurrency', 256, '256');
  const workers = readInteger(options.workers, '--workers', 1, '2');
  if (workers > concurrency) {
    throw new UsageError(
      `Failed to read --workers ${workers}: it is above --concurrency ${concurrency}, so a worker would have no slot. Pass fewer workers or more concurrency.`,
      'BAD_OPTION',
    );
  }
  if (options.journey !== undefined && workers > 1) {
    throw new UsageError('Failed to fire --journey: journeys run in one process. Drop --workers.', 'BAD_OPTION');
  }
  if (options.raise !== undefined && options.journey === undefined)
    throw new UsageError('Failed to fire: --raise applies to --journey. Add --journey NAME or drop --raise.', 'BAD_OPTION');
  const raises = options.raise === undefined ? undefined : typeof options.raise === 'string' ? parseRaise(options.raise) : options.raise;
  const speed = options.speed === undefined ? 1 : typeof options.speed === 'number' ? options.speed : parseSpeed(options.speed);
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new UsageError(`Failed to read --speed ${String(options.speed)}: expected a factor like 60x or 3600x.`, 'BAD_SPEED');
  const seedValue = options.seed ?? randomInt(0, 2 ** 31);
  const seed = String(seedValue);
  if (seed.trim() === '')
    throw new UsageError('Failed to read --seed: it is empty. Pass a number or a word, as in --seed 7.', 'BAD_OPTION');
  const secret = resolveSecret({
    secretFiles: toList(options.secretFile),
    secrets: toList(options.secret),
    env: options.env ?? process.env,
  });
  return {
    url,
    mix,
    rate,
    rampMs,
    durationMs,
    count,
    concurrency,
    maxLagMs: readDuration(options.maxLag, '--max-lag', 1000, '1s'),
    lateAfterMs: LATE_AFTER_MS,
    timeoutMs: readDuration(options.timeout, '--timeout', 10_000, '10s'),
    graceMs: readDuration(options.grace, '--grace', 2000, '2s', true),
    seed,
    secret,
    unsigned: options.unsigned === true,
    workers,
    reportFile: options.report,
    logFile: options.log,
    thresholds: (options.thresholds ?? []).map(parseThreshold),
    templatesDir: options.templatesDir,
    journey: options.journey,
    speed,
    raises,
  };
}

function checkRateNumber(rate: number): number {
  if (!(rate > 0))
    throw new UsageError(`Failed to read --rate ${rate}: the rate must be above zero. Write it as 500/s, 30000/m or max.`, 'BAD_RATE');
  return rate;
}
