import { describe, expect, it } from 'vitest';
import { buildFireReport } from '../../src/load/build-fire-report.js';
import { createLoadStats, liveSecondHistogram, recordMicros, secondOf } from '../../src/load/load-stats.js';
import { normalizeFireOptions } from '../../src/load/normalize-fire-options.js';
import { buildFireReportModel } from '../../src/report/build-report-model.js';

function reportFor(options: { rate: string; count?: number; duration?: string; ramp?: string }, sends: number) {
  const stats = createLoadStats();
  for (let i = 0; i < sends; i++) {
    const second = secondOf(stats, i * 7);
    stats.scheduled++;
    stats.sent++;
    second.sent++;
    stats.responses++;
    stats.ok++;
    second.ok++;
    recordMicros(stats.latency, 1000 + i);
    recordMicros(stats.serviceLatency, 500 + i);
    recordMicros(liveSecondHistogram(second, 'latency'), 1000 + i);
    recordMicros(liveSecondHistogram(second, 'serviceLatency'), 500 + i);
    second.latencyMaxUs = 1000 + i;
    second.serviceLatencyMaxUs = 500 + i;
    const status = i % 50 === 0 ? '503' : '204';
    second.statusCounts[status] = (second.statusCounts[status] ?? 0) + 1;
  }
  stats.firstSendMs = 0;
  stats.lastSendMs = (sends - 1) * 7;
  stats.endMs = sends * 7;
  const normalized = normalizeFireOptions({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1:3000/', env: {}, seed: 3, ...options });
  return buildFireReport(stats, normalized, { startedAt: new Date('2026-01-01T00:00:00Z'), interrupted: false });
}

describe('buildFireReportModel', () => {
  it('plans a count-bound run second by second, its plan adding up to the count', () => {
    const model = buildFireReportModel(reportFor({ rate: '150/s', count: 400 }, 400));
    const rate = model.charts.find((c) => c.id === 'rate')!;
    expect(rate.xs).toEqual([1767225600, 1767225601, 1767225602]);
    expect(rate.series.map((s) => s.label)).toEqual(['sent', 'planned']);
    expect(rate.series[1]!.values).toEqual([150, 150, 100]);
    expect(rate.series[0]!.values).toEqual([143, 143, 114]);
  });

  it('draws no plan for --rate max, and reads the distribution up to the count it can resolve', () => {
    const model = buildFireReportModel(reportFor({ rate: 'max', duration: '3s' }, 300));
    expect(model.charts.find((c) => c.id === 'rate')!.series[1]!.values).toEqual([null, null, null]);
    const dist = model.charts.find((c) => c.id === 'latency-distribution')!;
    expect(dist.xs[0]).toBe(1);
    // 300 values: halvings up to 2^10 (ceil(log2 300) + 1), five points each, then the max.
    expect(dist.xs).toHaveLength(10 * 5 + 2);
    expect(dist.series[0]!.values.at(-1)).toBe(1.299);
    expect(dist.series[1]!.values.at(-1)).toBe(0.799);
    expect(model.settings).toContainEqual(['seed', '3']);
  });

  it('draws per-second percentiles of both latencies and one series per status, from the report', () => {
    const report = reportFor({ rate: '150/s', count: 400 }, 400);
    report.timeline[1]!.errorCounts = { timeout: 2 };
    const model = buildFireReportModel(report);
    const intended = model.charts.find((c) => c.id === 'latency-over-time')!;
    expect(intended.series.map((s) => s.label)).toEqual(['p50', 'p90', 'p99', 'max']);
    // Second 0 holds requests 0..142 (every 7 ms): 1000..1142 µs; at 2 digits p50 is 1071 µs's bucket top.
    expect(report.timeline[0]!.latency).toEqual({ p50: 1.071, p90: 1.135, p99: 1.142, max: 1.142 }); // p99 reads 1.143 (its bucket top), kept to the exact max
    expect(intended.series.map((s) => s.values[0])).toEqual([1.071, 1.135, 1.142, 1.142]);
    const actual = model.charts.find((c) => c.id === 'actual-latency-over-time')!;
    expect(actual.series[3]!.values).toEqual([0.642, 0.785, 0.899]);
    const status = model.charts.find((c) => c.id === 'status-over-time')!;
    expect(status.series).toEqual([
      { label: 'HTTP 204', values: [140, 140, 112] },
      { label: 'HTTP 503', values: [3, 3, 2] },
      { label: 'timeout', values: [0, 2, 0] },
    ]);
    expect(model.charts.some((c) => c.notRecorded !== undefined)).toBe(false);
  });

  it('shows an older report (no per-second fields) with its mean and max, and the other charts as not recorded', () => {
    const report = reportFor({ rate: '150/s', count: 400 }, 400);
    const old = {
      ...report,
      timeline: report.timeline.map(({ latency: _l, actualLatency: _a, histograms: _h, statusCounts: _s, errorCounts: _e, ...s }) => s),
    };
    const model = buildFireReportModel(old);
    const intended = model.charts.find((c) => c.id === 'latency-over-time')!;
    expect(intended.series.map((s) => s.label)).toEqual(['mean', 'max']);
    expect(intended.notRecorded).toBeUndefined();
    expect(model.charts.filter((c) => c.notRecorded !== undefined).map((c) => [c.id, c.notRecorded])).toEqual([
      ['actual-latency-over-time', 'Not recorded: this report was written before fire kept per-second histograms and status counts.'],
      ['status-over-time', 'Not recorded: this report was written before fire kept per-second histograms and status counts.'],
    ]);
  });
});
