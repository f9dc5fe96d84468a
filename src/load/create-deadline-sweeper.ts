import type { InFlight } from './create-load-transport.js';

/** A request in flight, as the sweeper sees it: when it must end, and how to end it. */
export interface Deadline {
  readonly deadlineMs: number;
  handle: InFlight | null;
  /** Its place in the sweeper's list while in flight, -1 otherwise (the sweeper sets it). */
  slot: number;
}

export interface DeadlineSweeper<Entry extends Deadline> {
  /** How many requests are in flight. */
  readonly size: number;
  /** The entry is in flight (added, not yet deleted). */
  has(entry: Entry): boolean;
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
 * which at thousands of requests a second cost more than the requests. The requests in flight are a
 * dense list, each entry knowing its slot: adding and deleting (swapping the last entry into the hole)
 * cost a store or two, where a Set hashed each entry twice per request.
 * @example const sweeper = createDeadlineSweeper(10_000, () => performance.now())
 */
export function createDeadlineSweeper<Entry extends Deadline>(timeoutMs: number, nowMs: () => number): DeadlineSweeper<Entry> {
  const active: Entry[] = [];
  let size = 0;
  const sweepEvery = Math.max(5, Math.min(50, timeoutMs / 4));

  // Aborting an entry may delete it (and others) at once; a snapshot keeps the walk simple and complete.
  function abortWhere(reason: 'aborted' | 'timeout', now: number): void {
    const snapshot = active.slice(0, size);
    for (const entry of snapshot) if (entry.slot !== -1 && now >= entry.deadlineMs) entry.handle?.abort(reason);
  }

  const timer = setInterval(() => {
    const now = nowMs();
    // The common sweep finds nothing late: checked without a copy.
    for (let k = 0; k < size; k++) {
      if (now >= active[k]!.deadlineMs) return abortWhere('timeout', now);
    }
  }, sweepEvery);
  return {
    get size() {
      return size;
    },
    has: (entry) => entry.slot !== -1 && active[entry.slot] === entry,
    add(entry) {
      entry.slot = size;
      active[size++] = entry;
    },
    delete(entry) {
      const slot = entry.slot;
      if (slot === -1 || active[slot] !== entry) return;
      const last = active[--size]!;
      active[slot] = last;
      last.slot = slot;
      active[size] = undefined as unknown as Entry;
      entry.slot = -1;
    },
    abortAll(reason) {
      abortWhere(reason, Infinity);
    },
    stop: () => clearInterval(timer),
  };
}
