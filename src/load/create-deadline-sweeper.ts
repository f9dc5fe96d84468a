import type { InFlight } from './create-load-transport.js';

/** A request in flight, as the sweeper sees it: when it must end, and how to end it. */
export interface Deadline {
  readonly deadlineMs: number;
  handle: InFlight | null;
}

export interface DeadlineSweeper<Entry extends Deadline> {
  /** The requests in flight. */
  readonly active: ReadonlySet<Entry>;
  add(entry: Entry): void;
  delete(entry: Entry): void;
  /** Aborts every request in flight with `reason` (the grace after Ctrl-C has run out). */
  abortAll(reason: 'aborted' | 'timeout'): void;
  /** Stops the timer; call once nothing is in flight. */
  stop(): void;
}

/**
 * Times requests out: every few ms (a quarter of the timeout, between 5 and 50 ms) it aborts each
 * request in flight past its deadline. One interval for the whole run rather than a timer per request,
 * which at thousands of requests a second cost more than the requests.
 * @example const sweeper = createDeadlineSweeper(10_000, () => performance.now())
 */
export function createDeadlineSweeper<Entry extends Deadline>(timeoutMs: number, nowMs: () => number): DeadlineSweeper<Entry> {
  const active = new Set<Entry>();
  const sweepEvery = Math.max(5, Math.min(50, timeoutMs / 4));
  const timer = setInterval(() => {
    const now = nowMs();
    for (const entry of active) if (now >= entry.deadlineMs) entry.handle?.abort('timeout');
  }, sweepEvery);
  return {
    active,
    add: (entry) => void active.add(entry),
    delete: (entry) => void active.delete(entry),
    abortAll(reason) {
      for (const entry of active) entry.handle?.abort(reason);
    },
    stop: () => clearInterval(timer),
  };
}
