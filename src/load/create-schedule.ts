/** When each request of an open-loop run is due, in milliseconds after the start. */
export interface Schedule {
  /** The due time of request `index`; 0 for every request of an unbounded (`max`) rate. */
  dueAt(index: number): number;
  /** How many requests fall before `durationMs` (Infinity for an unbounded rate). */
  countWithin(durationMs: number): number;
}

/**
 * An open-loop schedule: request i is due when the integral of the rate reaches i, so a constant rate
 * gives start + i/rate and a linear ramp from 0 gives start + sqrt(2·ramp·i/rate). No per-second
 * windows, so no bursts at second boundaries.
 * @example createSchedule(500, 0).dueAt(3) // 6 (ms)
 */
export function createSchedule(ratePerSecond: number, rampMs: number): Schedule {
  if (!Number.isFinite(ratePerSecond)) {
    return { dueAt: () => 0, countWithin: () => Infinity };
  }
  const perMs = ratePerSecond / 1000;
  // Requests issued during the ramp: the area of the triangle under the rate line.
  const rampCount = (perMs * rampMs) / 2;
  return {
    dueAt(index) {
      if (rampMs > 0 && index < rampCount) return Math.sqrt((2 * rampMs * index) / perMs);
      return rampMs + (index - rampCount) / perMs;
    },
    countWithin(durationMs) {
      const area =
        rampMs > 0 && durationMs <= rampMs ? (perMs * durationMs * durationMs) / (2 * rampMs) : rampCount + perMs * (durationMs - rampMs);
      // Requests 0..k-1 are due strictly before the end; the epsilon absorbs float noise at exact edges.
      return Math.max(0, Math.ceil(area - 1e-9));
    },
  };
}
