import { describe, expect, it } from 'vitest';
import { buildFireReport } from '../../src/load/build-fire-report.js';
import { createLoadStats, recordMicros, secondOf } from '../../src/load/load-stats.js';
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
});
