import { describe, expect, it } from 'vitest';
import { buildFireReport, computeAchievedRate, computeMeanRate } from '../../src/load/build-fire-report.js';
import { createSchedule } from '../../src/load/create-schedule.js';
import { formatFireSummary } from '../../src/load/format-fire-summary.js';
import { createLoadStats, decodeHistogram, encodeLoadStats, mergeLoadStats, recordMicros, secondOf } from '../../src/load/load-stats.js';
import { normalizeFireOptions } from '../../src/load/normalize-fire-options.js';

function statsWith(latenciesMs: number[], failed: number) {
  const stats = createLoadStats();
  latenciesMs.forEach((ms, i) => {
    stats.scheduled++;
    stats.sent++;
    stats.responses++;
    const ok = i >= failed;
    if (ok) stats.ok++;
    else stats.failed++;
    const status = ok ? '204' : '500';
    stats.statusCounts[status] = (stats.statusCounts[status] ?? 0) + 1;
    recordMicros(stats.latency, ms * 1000);
    recordMicros(stats.serviceLatency, ms * 1000);
    recordMicros(stats.scheduleLag, 100);
    secondOf(stats, i * 10).sent++;
  });
  stats.firstSendMs = 0;
  stats.lastSendMs = (latenciesMs.length - 1) * 10;
  stats.endMs = latenciesMs.length * 10;
  return stats;
}

const base = { triggers: ['SALE_NEW'], to: 'http://127.0.0.1:3000/', rate: '100/s', count: 100, env: {}, seed: 1 };

describe('thresholds', () => {
  // 100 responses at 1..100 ms, 2 of them 500s.
  const stats = statsWith(
    Array.from({ length: 100 }, (_, i) => i + 1),
    2,
  );

  it('pass and fail exactly as written', () => {
    const options = normalizeFireOptions({
      ...base,
      thresholds: ['p99<100ms', 'p99<99ms', 'p99<=99.1ms', 'p50<50ms', 'max<=100ms', 'errors<2%', 'errors<=2%', 'rate>=99/s', 'dropped<1%'],
    });
    const report = buildFireReport(stats, options, { startedAt: new Date(0), interrupted: false });
    expect(report.thresholds.map((t) => [t.expression, t.passed, t.actual])).toEqual([
      // HDR percentiles are the top of their bucket (3 significant digits): 99 ms reads 99.007 ms.
      ['p99<100ms', true, 99.007],
      ['p99<99ms', false, 99.007],
      ['p99<=99.1ms', true, 99.007],
      ['p50<50ms', false, 50.015],
      ['max<=100ms', true, 100],
      ['errors<2%', false, 0.02],
      ['errors<=2%', true, 0.02],
      ['rate>=99/s', true, 100],
      ['dropped<1%', true, 0],
    ]);
    const summary = formatFireSummary(report);
    expect(summary).toContain('  FAIL  p50<50ms           actual 50.0ms\n');
    expect(summary).toContain('  PASS  errors<=2%         actual 2.00%\n');
    expect(summary).toContain('  requests   scheduled 100  sent 100  ok 98  failed 2  dropped 0  late 0\n');
  });

  it('computes the achieved rate over the scheduled window: on time is exactly the asked rate, late is less', () => {
    const options = { rate: 100, rampMs: 0, durationMs: Infinity, count: 100 };
    expect(computeAchievedRate({ sent: 100, lastSendMs: 990 }, options, false)).toBe(100);
    expect(computeAchievedRate({ sent: 100, lastSendMs: 1240 }, options, false)).toBe(80);
    expect(computeAchievedRate({ sent: 500, lastSendMs: 4990 }, { rate: 100, rampMs: 0, durationMs: 5000, count: Infinity }, false)).toBe(
      100,
    );
  });

  it('compares a ramped run with its planned schedule: a perfect ramp keeps the asked rate, the mean is lower', () => {
    // 30 s ramp to 500/s, then 30 s at 500/s: 7,500 + 15,000 = 22,500 requests planned in 60 s.
    const ramped = { rate: 500, rampMs: 30_000, durationMs: 60_000, count: Infinity };
    const schedule = createSchedule(500, 30_000);
    expect(schedule.countWithin(60_000)).toBe(22_500);
    const perfect = { sent: 22_500, lastSendMs: schedule.dueAt(22_499) };
    expect(computeAchievedRate(perfect, ramped, false)).toBe(500);
    expect(computeMeanRate(perfect, ramped, false)).toBe(375);
    // Short by 10%: 90% of the plan, whatever the ramp.
    expect(computeAchievedRate({ sent: 20_250, lastSendMs: 59_990 }, ramped, false)).toBe(450);
    // Count-bound: 100 requests on a 1 s ramp to 100/s (50 in the ramp, 50 at full rate, last due at 1.49 s).
    const byCount = { rate: 100, rampMs: 1000, durationMs: Infinity, count: 100 };
    expect(computeAchievedRate({ sent: 100, lastSendMs: createSchedule(100, 1000).dueAt(99) }, byCount, false)).toBe(100);
  });
});

describe('mergeLoadStats', () => {
  it('adds counts, histograms and timelines exactly, also through the base64 encoding', () => {
    const a = statsWith([1, 2, 3, 4], 1);
    const b = statsWith([10, 20, 30], 0);
    const merged = mergeLoadStats([encodeLoadStats(a), b]);
    expect(merged.sent).toBe(7);
    expect(merged.ok).toBe(6);
    expect(merged.statusCounts).toEqual({ '204': 6, '500': 1 });
    expect(merged.latency.totalCount).toBe(7);
    expect(merged.latency.maxValue).toBe(b.latency.maxValue);
    expect(merged.timeline[0]!.sent).toBe(7);
    const roundTrip = decodeHistogram(encodeLoadStats(merged).latency);
    expect(roundTrip.totalCount).toBe(7);
    expect(roundTrip.getValueAtPercentile(50)).toBe(merged.latency.getValueAtPercentile(50));
  });
});
