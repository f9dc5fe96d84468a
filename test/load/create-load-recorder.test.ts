import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeadlineSweeper } from '../../src/load/create-deadline-sweeper.js';
import { createLoadRecorder } from '../../src/load/create-load-recorder.js';
import { createLoadStats } from '../../src/load/load-stats.js';
import type { DeliveryLogEntry } from '../../src/wire/delivery-log.js';

describe('createLoadRecorder', () => {
  it('counts sends, lateness, drops and results by the second each request was due, and logs each attempt', () => {
    const stats = createLoadStats();
    const lines: DeliveryLogEntry[] = [];
    const log = { write: (entry: DeliveryLogEntry) => void lines.push(entry), flush: () => {}, close: () => {}, failure: () => undefined, linesWritten: () => lines.length };
    const recorder = createLoadRecorder(stats, { url: 'http://127.0.0.1:9/hook', lateAfterMs: 10, log, wallStartMs: Date.UTC(2026, 0, 1) });
    const request = { trigger: 'SALE_NEW', messageId: 'm1', attemptId: 'a1' };

    const first = recorder.scheduled(0);
    recorder.sent('SALE_NEW', 0, 4, first);
    recorder.completed({ request, dueMs: 0, sendMs: 4, second: first }, { status: 204, errorKind: null }, 9.5);
    const late = recorder.scheduled(1500);
    recorder.sent('SALE_NEW', 1500, 1511, late);
    recorder.completed({ request: { ...request, messageId: 'm2' }, dueMs: 1500, sendMs: 1511, second: late }, { status: 503, errorKind: null }, 1520);
    const lost = recorder.scheduled(1600);
    recorder.sent('CONTACT_CREATED', 1600, 1600, lost);
    recorder.completed({ request: { trigger: 'CONTACT_CREATED', messageId: 'm3', attemptId: null }, dueMs: 1600, sendMs: 1600, second: lost }, { status: null, errorKind: 'timeout' }, 1700);
    recorder.dropped(recorder.scheduled(1700));

    expect([stats.scheduled, stats.sent, stats.responses, stats.ok, stats.failed, stats.dropped, stats.late]).toEqual([4, 3, 2, 1, 2, 1, 1]);
    expect(stats.statusCounts).toEqual({ '204': 1, '503': 1 });
    expect(stats.errorCounts).toEqual({ timeout: 1 });
    expect(stats.triggerCounts).toEqual({ SALE_NEW: 2, CONTACT_CREATED: 1 });
    expect([stats.firstSendMs, stats.lastSendMs, stats.endMs]).toEqual([4, 1600, 1700]);
    expect(stats.latency.maxValue).toBe(20_000);
    expect(stats.serviceLatency.maxValue).toBe(9000);
    expect(stats.timeline.map((s) => [s.second, s.sent, s.ok, s.failed, s.dropped, s.late, s.responses, s.latencySumUs, s.latencyMaxUs])).toEqual([
      [0, 1, 1, 0, 0, 0, 1, 9500, 9500],
      [1, 2, 0, 2, 1, 1, 1, 20_000, 20_000],
    ]);
    expect(lines).toEqual([
      { time: '2026-01-01T00:00:00.004Z', trigger: 'SALE_NEW', messageId: 'm1', attempt: 1, attemptId: 'a1', url: 'http://127.0.0.1:9/hook', status: 204, durationMs: 5.5, error: null, ok: true },
      { time: '2026-01-01T00:00:01.511Z', trigger: 'SALE_NEW', messageId: 'm2', attempt: 1, attemptId: 'a1', url: 'http://127.0.0.1:9/hook', status: 503, durationMs: 9, error: 'HTTP 503', ok: false },
      { time: '2026-01-01T00:00:01.600Z', trigger: 'CONTACT_CREATED', messageId: 'm3', attempt: 1, attemptId: null, url: 'http://127.0.0.1:9/hook', status: null, durationMs: 100, error: 'timeout', ok: false },
    ]);
  });
});

describe('createDeadlineSweeper', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts requests past their deadline every quarter of the timeout, the rest on abortAll, and stops', () => {
    vi.useFakeTimers();
    let now = 0;
    const sweeper = createDeadlineSweeper(100, () => now);
    const aborted: string[] = [];
    const entry = (name: string, deadlineMs: number) => ({ deadlineMs, handle: { abort: (kind: string) => void aborted.push(`${name}:${kind}`) } });
    const early = entry('early', 60);
    const later = entry('later', 500);
    sweeper.add(early);
    sweeper.add(later);
    now = 50;
    vi.advanceTimersByTime(50); // sweeps at 25 and 50: nothing is past its deadline
    expect(aborted).toEqual([]);
    now = 75;
    vi.advanceTimersByTime(25);
    expect(aborted).toEqual(['early:timeout']);
    sweeper.delete(early);
    sweeper.abortAll('aborted');
    expect(aborted).toEqual(['early:timeout', 'later:aborted']);
    expect(sweeper.active.size).toBe(1);
    sweeper.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
