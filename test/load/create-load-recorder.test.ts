import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeadlineSweeper } from '../../src/load/create-deadline-sweeper.js';
import { createLoadRecorder } from '../../src/load/create-load-recorder.js';
import { createLoadStats, readSecondHistogram } from '../../src/load/load-stats.js';
import type { DeliveryLogEntry } from '../../src/wire/delivery-log.js';

describe('createLoadRecorder', () => {
  it('counts sends, lateness, drops and results by the second each request was due, and logs each attempt', () => {
    const stats = createLoadStats();
    const lines: DeliveryLogEntry[] = [];
    const log = {
      write: (entry: DeliveryLogEntry) => void lines.push(entry),
      flush: () => {},
      close: () => {},
      failure: () => undefined,
      linesWritten: () => lines.length,
    };
    const recorder = createLoadRecorder(stats, { url: 'http://127.0.0.1:9/hook', lateAfterMs: 10, log, wallStartMs: Date.UTC(2026, 0, 1) });
    const request = { trigger: 'SALE_NEW', messageId: 'm1', attemptId: 'a1' };

    const first = recorder.scheduled(0);
    recorder.sent('SALE_NEW', 0, 4, first);
    recorder.completed({ request, dueMs: 0, sendMs: 4, second: first }, { status: 204, errorKind: null }, 9.5);
    const late = recorder.scheduled(1500);
    recorder.sent('SALE_NEW', 1500, 1511, late);
    recorder.completed(
      { request: { ...request, messageId: 'm2' }, dueMs: 1500, sendMs: 1511, second: late },
      { status: 503, errorKind: null },
      1520,
    );
    const lost = recorder.scheduled(1600);
    recorder.sent('CONTACT_CREATED', 1600, 1600, lost);
    recorder.completed(
      { request: { trigger: 'CONTACT_CREATED', messageId: 'm3', attemptId: null }, dueMs: 1600, sendMs: 1600, second: lost },
      { status: null, errorKind: 'timeout' },
      1700,
    );
    recorder.dropped(recorder.scheduled(1700));

    expect([stats.scheduled, stats.sent, stats.responses, stats.ok, stats.failed, stats.dropped, stats.late]).toEqual([
      4, 3, 2, 1, 2, 1, 1,
    ]);
    expect(stats.statusCounts).toEqual({ '204': 1, '503': 1 });
    expect(stats.errorCounts).toEqual({ timeout: 1 });
    expect(stats.triggerCounts).toEqual({ SALE_NEW: 2, CONTACT_CREATED: 1 });
    expect([stats.firstSendMs, stats.lastSendMs, stats.endMs]).toEqual([4, 1600, 1700]);
    expect(stats.latency.maxValue).toBe(20_000);
    expect(stats.serviceLatency.maxValue).toBe(9000);
    expect(
      stats.timeline.map((s) => [s.second, s.sent, s.ok, s.failed, s.dropped, s.late, s.responses, s.latencySumUs, s.latencyMaxUs]),
    ).toEqual([
      [0, 1, 1, 0, 0, 0, 1, 9500, 9500],
      [1, 2, 0, 2, 1, 1, 1, 20_000, 20_000],
    ]);
    expect(stats.timeline.map((s) => [s.statusCounts, s.errorCounts, s.serviceLatencyMaxUs])).toEqual([
      [{ '204': 1 }, {}, 5500],
      [{ '503': 1 }, { timeout: 1 }, 9000],
    ]);
    expect(readSecondHistogram(stats.timeline[1]!, 'latency')!.totalCount).toBe(1);
    expect(readSecondHistogram(stats.timeline[1]!, 'serviceLatency')!.getValueAtPercentile(50)).toBe(9023); // 9000 µs at 2 digits: its bucket's top
    expect(lines).toEqual([
      {
        time: '2026-01-01T00:00:00.004Z',
        trigger: 'SALE_NEW',
        messageId: 'm1',
        attempt: 1,
        attemptId: 'a1',
        url: 'http://127.0.0.1:9/hook',
        status: 204,
        durationMs: 5.5,
        error: null,
        ok: true,
      },
      {
        time: '2026-01-01T00:00:01.511Z',
        trigger: 'SALE_NEW',
        messageId: 'm2',
        attempt: 1,
        attemptId: 'a1',
        url: 'http://127.0.0.1:9/hook',
        status: 503,
        durationMs: 9,
        error: 'HTTP 503',
        ok: false,
      },
      {
        time: '2026-01-01T00:00:01.600Z',
        trigger: 'CONTACT_CREATED',
        messageId: 'm3',
        attempt: 1,
        attemptId: null,
        url: 'http://127.0.0.1:9/hook',
        status: null,
        durationMs: 100,
        error: 'timeout',
        ok: false,
      },
    ]);
  });
});

describe('per-second histograms over a long run', () => {
  it('keeps an hour of seconds compacted (only the last ones live) and stays exact when a late answer reopens a second', () => {
    const stats = createLoadStats();
    const recorder = createLoadRecorder(stats, { url: 'http://127.0.0.1:9/hook', lateAfterMs: 10, wallStartMs: 0 });
    const request = { trigger: 'SALE_NEW', messageId: 'm', attemptId: null };
    // One request every 250 ms for an hour; the one due at 1000 ms answers only at the end.
    let slow: { second: (typeof stats.timeline)[number] } | undefined;
    for (let dueMs = 0; dueMs < 3_600_000; dueMs += 250) {
      const second = recorder.scheduled(dueMs);
      recorder.sent('SALE_NEW', dueMs, dueMs, second);
      if (dueMs === 1000) slow = { second };
      else
        recorder.completed({ request, dueMs, sendMs: dueMs, second }, { status: 204, errorKind: null }, dueMs + 2 + (dueMs % 1000) / 100);
    }
    expect(stats.timeline).toHaveLength(3600);
    const live = stats.timeline.filter((s) => typeof s.latency !== 'string').map((s) => s.second);
    expect(live).toEqual([1, 3598, 3599]);
    recorder.completed({ request, dueMs: 1000, sendMs: 1000, second: slow!.second }, { status: 204, errorKind: null }, 3_600_000);
    expect(typeof stats.timeline[1]!.latency).toBe('string');
    const reopened = readSecondHistogram(stats.timeline[1]!, 'latency')!;
    expect(reopened.totalCount).toBe(4);
    expect(stats.timeline[1]!.latencyMaxUs).toBe(3_599_000_000);
    // Compacted seconds: about 60 characters each for this narrow spread, two per second.
    const chars = stats.timeline.reduce(
      (n, s) =>
        n + (typeof s.latency === 'string' ? s.latency.length : 0) + (typeof s.serviceLatency === 'string' ? s.serviceLatency.length : 0),
      0,
    );
    expect(chars).toBeLessThan(3600 * 2 * 200);
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
    const entry = (name: string, deadlineMs: number) => ({
      deadlineMs,
      handle: { abort: (kind: string) => void aborted.push(`${name}:${kind}`) },
      slot: -1,
    });
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
    expect(sweeper.size).toBe(1);
    expect([sweeper.has(early), sweeper.has(later)]).toEqual([false, true]);
    sweeper.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps exactly the requests in flight through deletions in any order, also when an abort deletes its own entry', () => {
    vi.useFakeTimers();
    let now = 0;
    const sweeper = createDeadlineSweeper<{ deadlineMs: number; handle: { abort(kind: string): void }; slot: number; n: number }>(
      100,
      () => now,
    );
    const aborted: string[] = [];
    // As the engine does: an aborted request ends at once and leaves the sweeper.
    const entries = Array.from({ length: 10 }, (_, n) => {
      const entry = {
        n,
        deadlineMs: n % 2 === 0 ? 50 : 500,
        slot: -1,
        handle: {
          abort: (kind: string) => {
            aborted.push(`${n}:${kind}`);
            sweeper.delete(entry);
          },
        },
      };
      return entry;
    });
    for (const entry of entries) sweeper.add(entry);
    for (const n of [9, 0, 5]) sweeper.delete(entries[n]!);
    sweeper.delete(entries[0]!); // twice: no effect
    expect(sweeper.size).toBe(7);
    expect(entries.filter((e) => sweeper.has(e)).map((e) => e.n)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    now = 60;
    vi.advanceTimersByTime(25);
    expect(aborted.sort()).toEqual(['2:timeout', '4:timeout', '6:timeout', '8:timeout']);
    expect(entries.filter((e) => sweeper.has(e)).map((e) => e.n)).toEqual([1, 3, 7]);
    sweeper.abortAll('aborted');
    expect(aborted.slice(4).sort()).toEqual(['1:aborted', '3:aborted', '7:aborted']);
    expect(sweeper.size).toBe(0);
    sweeper.stop();
  });
});
