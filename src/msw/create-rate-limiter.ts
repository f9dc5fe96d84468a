/**
 * The API's rate limit. systeme.io sends `X-RateLimit-Limit`, `-Remaining` and `-Refill` and answers 429
 * over the limit, but publishes neither the numbers nor the window (reference §3): both are options, and
 * the window is modelled as fixed (`Refill` = whole seconds until the budget is full again), *unverified*.
 */
export interface RateLimitOptions {
  /** Requests per window. */
  limit: number;
  /** Window length in seconds. */
  refillSeconds: number;
  /** Answer 429 once the budget is spent; otherwise only count it down in the headers. */
  enforce: boolean;
}

export interface RateLimiter {
  /** Spends one request: its headers, and whether it may proceed. */
  take(): { allowed: boolean; headers: Record<string, string> };
  reset(): void;
}

export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  let windowStart: number | null = null;
  let used = 0;
  return {
    take() {
      const t = now();
      const windowMs = options.refillSeconds * 1000;
      if (windowStart === null || t - windowStart >= windowMs) {
        windowStart = t;
        used = 0;
      }
      const allowed = !options.enforce || used < options.limit;
      if (allowed) used += 1;
      return {
        allowed,
        headers: {
          'x-ratelimit-limit': String(options.limit),
          'x-ratelimit-remaining': String(Math.max(0, options.limit - used)),
          'x-ratelimit-refill': String(Math.max(0, Math.ceil((windowStart + windowMs - t) / 1000))),
        },
      };
    },
    reset() {
      windowStart = null;
      used = 0;
    },
  };
}
