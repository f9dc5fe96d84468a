import { describe, expect, it } from 'vitest';
import { createPacer, type Pacer, type PacerOptions } from '../../src/load/create-pacer.js';

const base: PacerOptions = { rate: 1000, rampMs: 0, count: Infinity, durationMs: Infinity, maxLagMs: 1000 };

/**
 * Drives a pacer on a virtual clock that jumps to each wake-up, taking every due request at once:
 * the [index, dueMs] of each request taken, in order, until 'end' (or `limit` requests).
 */
function trace(pacer: Pacer, limit = 1000): Array<[number, number]> {
  const taken: Array<[number, number]> = [];
  let now = 0;
  while (taken.length < limit) {
    const next = pacer.poll(now);
    if (next === 'end') break;
    if (next === 'wait') {
      now += pacer.waitMs;
      continue;
    }
    taken.push([pacer.index, pacer.dueMs]);
    expect(pacer.take(now)).toBe('send');
  }
  return taken;
}

describe('createPacer', () => {
  it('paces a constant rate: 500/s is one request every 2 ms, and says how long to wait', () => {
    const pacer = createPacer({ ...base, rate: 500, count: 3 });
    expect(pacer.poll(0)).toBe('due');
    expect([pacer.index, pacer.dueMs]).toEqual([0, 0]);
    expect(pacer.take(0)).toBe('send');
    expect(pacer.poll(0.5)).toBe('wait');
    expect(pacer.waitMs).toBe(1.5);
    expect(pacer.poll(2)).toBe('due');
    expect([pacer.index, pacer.dueMs]).toEqual([1, 2]);
    expect(pacer.take(2.25)).toBe('send');
    expect(pacer.poll(4)).toBe('due');
    expect([pacer.index, pacer.dueMs]).toEqual([2, 4]);
    expect(pacer.take(4)).toBe('send');
    expect(pacer.poll(1e9)).toBe('end');
  });

  it('ramps linearly: at 1000/s over 100 ms request i is due at sqrt(200 i) ms, then one per ms', () => {
    const due = new Map(trace(createPacer({ ...base, rate: 1000, rampMs: 100, count: 53 })));
    expect(due.size).toBe(53);
    // The ramp issues rate·ramp/2 = 50 requests; request 50 is the first of the full rate.
    expect([0, 2, 8, 18, 32, 50, 51, 52].map((i) => due.get(i))).toEqual([0, 20, 40, 60, 80, 100, 101, 102]);
    expect(due.get(1)).toBeCloseTo(Math.sqrt(200), 12);
    expect(due.get(49)).toBeCloseTo(Math.sqrt(9800), 12);
  });

  it('stops before the duration: no request is due at or after durationMs', () => {
    expect(trace(createPacer({ ...base, durationMs: 3 }))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(trace(createPacer({ ...base, durationMs: 3.5 }))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('takes its share of the global schedule: i ≡ index (mod of), at the global due times', () => {
    expect(trace(createPacer({ ...base, count: 10, share: { index: 1, of: 3 } }))).toEqual([
      [1, 1],
      [4, 4],
      [7, 7],
    ]);
    expect(trace(createPacer({ ...base, count: 10, share: { index: 0, of: 3 } }))).toEqual([
      [0, 0],
      [3, 3],
      [6, 6],
      [9, 9],
    ]);
  });

  it('drops a request more than maxLagMs late when it is taken, and sends one exactly maxLagMs late', () => {
    const pacer = createPacer({ ...base, count: 8, maxLagMs: 5 });
    const verdicts: string[] = [];
    while (pacer.poll(10) === 'due') verdicts.push(`${pacer.index}@${pacer.dueMs}:${pacer.take(10)}`);
    expect(verdicts).toEqual(['0@0:drop', '1@1:drop', '2@2:drop', '3@3:drop', '4@4:drop', '5@5:send', '6@6:send', '7@7:send']);
    expect(pacer.poll(10)).toBe('end');
  });

  it('keeps offering a due request that is not taken (no free slot), and decides its fate when taken', () => {
    const pacer = createPacer({ ...base, count: 2, maxLagMs: 5 });
    expect(pacer.poll(0)).toBe('due');
    expect(pacer.poll(3)).toBe('due');
    expect([pacer.index, pacer.dueMs]).toEqual([0, 0]);
    expect(pacer.take(6)).toBe('drop');
    expect(pacer.poll(6)).toBe('due');
    expect([pacer.index, pacer.dueMs]).toEqual([1, 1]);
  });

  it('at rate max makes each request due when asked, within count and duration, never before the start', () => {
    const pacer = createPacer({ ...base, rate: Infinity, count: 3, durationMs: 10 });
    expect(pacer.poll(-3)).toBe('wait');
    expect(pacer.waitMs).toBe(3);
    expect(pacer.poll(0)).toBe('due');
    expect(pacer.dueMs).toBe(0);
    expect(pacer.take(0)).toBe('send');
    expect(pacer.poll(7.5)).toBe('due');
    expect([pacer.index, pacer.dueMs]).toEqual([1, 7.5]);
    expect(pacer.take(7.5)).toBe('send');
    expect(pacer.poll(10)).toBe('end');
    const counted = createPacer({ ...base, rate: Infinity, count: 2 });
    expect([counted.poll(1), counted.take(1), counted.poll(2), counted.take(2), counted.poll(3)]).toEqual([
      'due',
      'send',
      'due',
      'send',
      'end',
    ]);
  });
});
