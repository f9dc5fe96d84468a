import { createSchedule, type Schedule } from './create-schedule.js';

/** What the pacer needs of the engine's settings (see LoadEngineOptions). */
export interface PacerOptions {
  /** Requests per second; Infinity: each request is due the moment it is asked for. */
  rate: number;
  rampMs: number;
  /** Stop after this many requests (global indexes); Infinity when bounded by duration. */
  count: number;
  /** No request is due at or after this time (ms after the start); Infinity when bounded by count. */
  durationMs: number;
  /** A request later than this when it is taken is dropped rather than sent. */
  maxLagMs: number;
  /** This pacer's share of the schedule: global indexes i with i % of === index. */
  share?: { index: number; of: number } | undefined;
  /** When each request is due; default: the open-loop schedule of `rate` and `rampMs` (journeys bring their own). */
  schedule?: Schedule | undefined;
}

/**
 * The open-loop pacer: which request is due next, when, and whether it is still worth sending. Pure: it
 * reads no clock and sets no timer, the caller passes the time (ms after the start of the run).
 *
 * Use: `poll(now)`; on 'due', either take the request (`take(now)`: 'send' or 'drop' when it is more
 * than maxLagMs late) or leave it for a later poll (no free slot); on 'wait', come back in `waitMs`.
 * The answer's details are fields of the pacer, not a fresh object per request: this is the hot path.
 */
export interface Pacer {
  /** 'end': nothing more is due in this run; 'wait': the next request is due in `waitMs`; 'due': it is due. */
  poll(nowMs: number): 'end' | 'wait' | 'due';
  /** Takes the due request and moves to the next index of this share; 'drop' when it is too late to send. */
  take(nowMs: number): 'send' | 'drop';
  /** After 'wait': ms until the next request is due. */
  readonly waitMs: number;
  /** After 'due': the request's global index and due time (ms after the start). */
  readonly index: number;
  readonly dueMs: number;
}

/**
 * A pacer over `createSchedule(rate, rampMs)`: request i is due at schedule.dueAt(i); at rate max each
 * request is due when polled (the concurrency cap paces it).
 * @example const p = createPacer({ rate: 500, rampMs: 0, count: 3, durationMs: Infinity, maxLagMs: 1000 }); p.poll(0); p.take(0); p.poll(0) // 'wait', p.waitMs === 2
 */
export function createPacer(options: PacerOptions): Pacer {
  const schedule = options.schedule ?? createSchedule(options.rate, options.rampMs);
  const unbounded = !Number.isFinite(options.rate);
  const step = options.share?.of ?? 1;
  const pacer = {
    waitMs: 0,
    index: options.share?.index ?? 0,
    dueMs: 0,
    poll(nowMs: number): 'end' | 'wait' | 'due' {
      if (pacer.index >= options.count) return 'end';
      if (unbounded) {
        if (nowMs >= options.durationMs) return 'end';
        if (nowMs < 0) {
          pacer.waitMs = -nowMs;
          return 'wait';
        }
        pacer.dueMs = nowMs;
        return 'due';
      }
      const dueMs = schedule.dueAt(pacer.index);
      if (dueMs >= options.durationMs) return 'end';
      pacer.dueMs = dueMs;
      if (dueMs > nowMs) {
        pacer.waitMs = dueMs - nowMs;
        return 'wait';
      }
      return 'due';
    },
    take(nowMs: number): 'send' | 'drop' {
      pacer.index += step;
      return nowMs - pacer.dueMs > options.maxLagMs ? 'drop' : 'send';
    },
  };
  return pacer;
}
