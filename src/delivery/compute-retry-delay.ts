/** How long to wait between attempts. systeme.io's real schedule is unknown (reference §4). */
export interface RetrySchedule {
  /** Retries after the first attempt: 0 means one attempt only. */
  readonly limit: number;
  /** Wait before the first retry, in ms. */
  readonly delayMs: number;
  /** Each later wait is the previous one times this. */
  readonly factor: number;
  /** No wait is longer than this, including a receiver's `Retry-After`. */
  readonly maxDelayMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first retry): exponential, capped, no jitter (so runs
 * and tests are reproducible). A `Retry-After` from a 429 or 503 wins over the schedule, capped too.
 * @example computeRetryDelay(3, { limit: 5, delayMs: 1000, factor: 2, maxDelayMs: 30000 }) // 4000
 */
export function computeRetryDelay(retry: number, schedule: RetrySchedule, retryAfterMs?: number | null): number {
  if (retryAfterMs !== undefined && retryAfterMs !== null) return Math.min(Math.max(0, retryAfterMs), schedule.maxDelayMs);
  const delay = schedule.delayMs * schedule.factor ** Math.max(0, retry - 1);
  return Math.min(delay, schedule.maxDelayMs);
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns ms from `now`, or null when the
 * header is absent or unreadable (then the schedule applies).
 * @example parseRetryAfter('2') // 2000
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
