import { describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/load/create-schedule.js';

describe('createSchedule', () => {
  it('spaces a constant rate evenly: request i at i/rate, no bursts at second boundaries', () => {
    const s = createSchedule(500, 0);
    expect([0, 1, 2, 499, 500, 501].map((i) => s.dueAt(i))).toEqual([0, 2, 4, 998, 1000, 1002]);
    expect(s.countWithin(10_000)).toBe(5000);
    // Every 100 ms window holds exactly 50 requests: the rate is flat inside each second.
    const perWindow = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const w = Math.floor(s.dueAt(i) / 100);
      perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
    }
    expect(new Set(perWindow.values())).toEqual(new Set([50]));
  });

  it('ramps linearly: the count by time t is the integral of the rate', () => {
    const s = createSchedule(100, 2000); // 0 -> 100/s over 2 s: 100 requests in the ramp
    expect(s.countWithin(1000)).toBe(25); // area of the first second: 0.5 * 1 s * 50/s
    expect(s.countWithin(2000)).toBe(100);
    expect(s.countWithin(3000)).toBe(200);
    expect(s.dueAt(0)).toBe(0);
    expect(s.dueAt(25)).toBeCloseTo(1000, 9);
    expect(s.dueAt(100)).toBeCloseTo(2000, 9);
    expect(s.dueAt(150)).toBeCloseTo(2500, 9);
    // Due times never go backwards.
    for (let i = 1; i < 300; i++) expect(s.dueAt(i)).toBeGreaterThan(s.dueAt(i - 1));
  });

  it('is unbounded for rate max', () => {
    const s = createSchedule(Infinity, 0);
    expect(s.dueAt(12345)).toBe(0);
    expect(s.countWithin(1000)).toBe(Infinity);
  });
});
