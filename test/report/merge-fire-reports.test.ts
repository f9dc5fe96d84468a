import * as hdr from 'hdr-histogram-js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFireReport } from '../../src/load/build-fire-report.js';
import { fireLoad } from '../../src/load/fire-load.js';
import { createLoadStats, liveSecondHistogram, recordMicros, secondOf } from '../../src/load/load-stats.js';
import type { LoadStats } from '../../src/load/load-stats.js';
import { normalizeFireOptions } from '../../src/load/normalize-fire-options.js';
import { parseThreshold } from '../../src/load/parse-load-values.js';
import { mergeFireReports } from '../../src/report/merge-fire-reports.js';
import { startTestReceiver } from '../load/support/start-test-receiver.js';
import type { TestReceiver } from '../load/support/start-test-receiver.js';

/** A deterministic stream of requests: due time, latencies, outcome, trigger. */
function* requests(count: number, seed: number) {
  let x = seed;
  const next = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  for (let i = 0; i < count; i++) {
    const lagMs = next() * 3;
    const serviceMs = 1 + next() * next() * 400;
    const roll = next();
    yield {
      dueMs: i * 10,
      lagMs,
      serviceMs,
      status: roll < 0.9 ? 200 : roll < 0.95 ? 503 : null,
      error: roll >= 0.95 ? (roll < 0.98 ? 'timeout' : 'ECONNRESET') : null,
      trigger: next() < 0.8 ? 'SALE_NEW' : 'SALE_CANCELED',
      dropped: roll > 0.995,
    };
  }
}

type Request = ReturnType<typeof requests> extends Generator<infer R> ? R : never;

/** Records a request as the engine does (same fields, same order of updates). */
function record(stats: LoadStats, r: Request): void {
  const second = secondOf(stats, r.dueMs);
  stats.scheduled++;
  if (r.dropped) {
    stats.dropped++;
    second.dropped++;
    return;
  }
  const sendMs = r.dueMs + r.lagMs;
  recordMicros(stats.scheduleLag, r.lagMs * 1000);
  stats.sent++;
  second.sent++;
  stats.triggerCounts[r.trigger] = (stats.triggerCounts[r.trigger] ?? 0) + 1;
  if (Number.isNaN(stats.firstSendMs)) stats.firstSendMs = sendMs;
  stats.lastSendMs = sendMs;
  if (r.status !== null) {
    stats.responses++;
    stats.statusCounts[String(r.status)] = (stats.statusCounts[String(r.status)] ?? 0) + 1;
    const latencyUs = (r.lagMs + r.serviceMs) * 1000;
    recordMicros(stats.latency, latencyUs);
    recordMicros(stats.serviceLatency, r.serviceMs * 1000);
    second.responses++;
    second.latencySumUs += Math.round(latencyUs);
    second.latencyMaxUs = Math.max(second.latencyMaxUs, Math.round(latencyUs));
    recordMicros(liveSecondHistogram(second, 'latency'), latencyUs);
    recordMicros(liveSecondHistogram(second, 'serviceLatency'), r.serviceMs * 1000);
    second.serviceLatencyMaxUs = Math.max(second.serviceLatencyMaxUs, Math.round(r.serviceMs * 1000));
    second.statusCounts[String(r.status)] = (second.statusCounts[String(r.status)] ?? 0) + 1;
  } else {
    stats.errorCounts[r.error!] = (stats.errorCounts[r.error!] ?? 0) + 1;
    second.errorCounts[r.error!] = (second.errorCounts[r.error!] ?? 0) + 1;
  }
  if (r.status === 200) {
    stats.ok++;
    second.ok++;
  } else {
    stats.failed++;
    second.failed++;
  }
  stats.endMs = Math.max(stats.endMs, sendMs + r.serviceMs);
}

const options = (rate: string, workers = 1, thresholds: string[] = []) =>
  normalizeFireOptions({
    triggers: ['SALE_NEW=80', 'SALE_CANCELED=20'],
    to: 'http://127.0.0.1:3000/',
    rate,
    duration: '30s',
    env: {},
    seed: 7,
    workers,
    concurrency: 256 * workers,
    thresholds,
  });

describe('mergeFireReports', () => {
  // 9000 requests over 30 s, split across three processes by request, as three machines sharing a plan.
  const all = [...requests(3000, 1), ...requests(3000, 2), ...requests(3000, 3)].map((r, i) => ({
    ...r,
    dueMs: Math.floor(i / 3) * 10 + (i % 3),
  }));
  const whole = createLoadStats();
  const parts = [createLoadStats(), createLoadStats(), createLoadStats()];
  all.forEach((r, i) => {
    record(whole, r);
    record(parts[i % 3]!, r);
  });
  const startedAt = new Date('2026-05-01T12:00:00.000Z');
  const single = buildFireReport(whole, options('300/s', 3), { startedAt, interrupted: false });
  const reports = parts.map((p) => buildFireReport(p, options('100/s'), { startedAt, interrupted: false }));

  it('gives exactly the counts, histograms and percentiles of the equivalent single run', () => {
    const merged = mergeFireReports(reports);
    expect(merged.counts).toEqual(single.counts);
    expect(merged.counts.sent).toBeGreaterThan(8900);
    expect(merged.statusCounts).toEqual(single.statusCounts);
    expect(merged.errorCounts).toEqual(single.errorCounts);
    expect(merged.triggerCounts).toEqual(single.triggerCounts);
    expect(merged.latency).toEqual(single.latency);
    expect(merged.histograms).toEqual(single.histograms);
    expect([merged.errorRate, merged.dropRate]).toEqual([single.errorRate, single.dropRate]);
    // Each process's window ends one of its own intervals (10 ms at 100/s) after its last send, the single
    // run's one 300/s interval (3.3 ms) after: the same figure to within a few hundredths of a request/s.
    expect(Math.abs(merged.meanRate - single.meanRate)).toBeLessThan(0.05);
    // The achieved rate also divides by whole planned requests (each report rounds its plan up to a whole
    // request: up to 1/3000 of 100/s per part, 0.1 request/s for three), so it agrees to within 0.15.
    expect(Math.abs(merged.achievedRate - single.achievedRate)).toBeLessThan(0.15);
    expect(merged.options).toMatchObject({ rate: 300, concurrency: 768, workers: 3, seed: '7', durationMs: 30_000 });
  });

  it('adds timelines second by second; means are weighed by responses (equal up to the 1 µs rounding of report means)', () => {
    const merged = mergeFireReports(reports);
    expect(merged.timeline.map(({ meanMs: _m, ...s }) => s)).toEqual(single.timeline.map(({ meanMs: _m, ...s }) => s));
    for (const [k, s] of merged.timeline.entries()) expect(Math.abs(s.meanMs! - single.timeline[k]!.meanMs!)).toBeLessThan(0.0011);
  });

  it('merges per-second histograms and status/error counts exactly: per-second percentiles equal the single run’s and an independent HDR histogram’s', () => {
    const merged = mergeFireReports(reports);
    expect(merged.timeline).toHaveLength(30);
    for (const key of ['latency', 'actualLatency', 'histograms', 'statusCounts', 'errorCounts'] as const) {
      expect(
        merged.timeline.map((s) => s[key]),
        key,
      ).toEqual(single.timeline.map((s) => s[key]));
    }
    // Independent oracle: hdr-histogram-js fed the raw latencies of each second, at the same 2 digits.
    const bySecond = Array.from(
      { length: 30 },
      () =>
        [
          hdr.build({
            lowestDiscernibleValue: 1,
            highestTrackableValue: 3_600_000_000,
            numberOfSignificantValueDigits: 2,
            useWebAssembly: false,
          }),
          hdr.build({
            lowestDiscernibleValue: 1,
            highestTrackableValue: 3_600_000_000,
            numberOfSignificantValueDigits: 2,
            useWebAssembly: false,
          }),
        ] as const,
    );
    const maxima = Array.from({ length: 30 }, () => [0, 0]);
    const status = Array.from({ length: 30 }, () => ({}) as Record<string, number>);
    const errors = Array.from({ length: 30 }, () => ({}) as Record<string, number>);
    for (const r of all) {
      if (r.dropped) continue;
      const k = Math.floor(r.dueMs / 1000);
      if (r.status === null) errors[k]![r.error!] = (errors[k]![r.error!] ?? 0) + 1;
      else {
        status[k]![String(r.status)] = (status[k]![String(r.status)] ?? 0) + 1;
        bySecond[k]![0].recordValue(Math.round((r.lagMs + r.serviceMs) * 1000));
        bySecond[k]![1].recordValue(Math.round(r.serviceMs * 1000));
        maxima[k]![0] = Math.max(maxima[k]![0]!, Math.round((r.lagMs + r.serviceMs) * 1000));
        maxima[k]![1] = Math.max(maxima[k]![1]!, Math.round(r.serviceMs * 1000));
      }
    }
    merged.timeline.forEach((s, k) => {
      const [intended, fromSend] = bySecond[k]!;
      // Percentiles read the bucket's top, kept to the exact max.
      const at = (h: typeof intended, p: number, max: number): number => Math.min(max, Math.round(h.getValueAtPercentile(p)) / 1000);
      const [maxIntended, maxSend] = [maxima[k]![0]! / 1000, maxima[k]![1]! / 1000];
      expect(s.latency, `second ${k}`).toEqual({
        p50: at(intended, 50, maxIntended),
        p90: at(intended, 90, maxIntended),
        p99: at(intended, 99, maxIntended),
        max: maxIntended,
      });
      expect(s.actualLatency, `second ${k}`).toEqual({
        p50: at(fromSend, 50, maxSend),
        p90: at(fromSend, 90, maxSend),
        p99: at(fromSend, 99, maxSend),
        max: maxSend,
      });
      expect(s.statusCounts).toEqual(status[k]);
      expect(s.errorCounts).toEqual(errors[k]);
      expect(s.latency!.p99).toBeGreaterThan(s.latency!.p50);
    });
    // The per-second counts add up to the run's.
    const sum = (key: 'statusCounts' | 'errorCounts'): Record<string, number> => {
      const total: Record<string, number> = {};
      for (const s of merged.timeline) for (const [name, n] of Object.entries(s[key]!)) total[name] = (total[name] ?? 0) + n;
      return total;
    };
    expect(sum('statusCounts')).toEqual(merged.statusCounts);
    expect(sum('errorCounts')).toEqual(merged.errorCounts);
  });

  it('leaves per-second percentiles and counts out of a merged second when an older report (without them) answered in it', () => {
    const old = {
      ...reports[0]!,
      timeline: reports[0]!.timeline.map(
        ({ latency: _l, actualLatency: _a, histograms: _h, statusCounts: _s, errorCounts: _e, ...s }) => s,
      ),
    };
    const merged = mergeFireReports([old, reports[1]!]);
    expect(merged.timeline[4]).not.toHaveProperty('latency');
    expect(merged.timeline[4]).not.toHaveProperty('statusCounts');
    expect(merged.timeline[4]!.sent).toBe(old.timeline[4]!.sent + reports[1]!.timeline[4]!.sent);
  });

  it('aligns timelines on the wall clock: a report that started 2 s later lands 2 s later', () => {
    const later = buildFireReport(parts[1]!, options('100/s'), { startedAt: new Date(startedAt.getTime() + 2000), interrupted: false });
    const merged = mergeFireReports([reports[0]!, later], { files: ['a.json', 'b.json'] });
    expect(merged.timeline).toHaveLength(32);
    expect(merged.timeline[0]!.sent).toBe(reports[0]!.timeline[0]!.sent);
    expect(merged.timeline[2]!.sent).toBe(reports[0]!.timeline[2]!.sent + later.timeline[0]!.sent);
    expect(merged.timeline[31]!.sent).toBe(later.timeline[29]!.sent);
    expect(merged.sources.map((s) => [s.file, s.offsetSeconds])).toEqual([
      ['a.json', 0],
      ['b.json', 2],
    ]);
    expect(merged.startedAt).toBe('2026-05-01T12:00:00.000Z');
    expect(merged.elapsedMs).toBe(later.elapsedMs + 2000);
  });

  it('evaluates thresholds on the merged figures, passing and failing as written', () => {
    const p99 = single.latency.fromIntended.p99;
    const merged = mergeFireReports(reports, {
      thresholds: [`p99<=${p99}ms`, `p99<${p99}ms`, 'errors<10%', 'errors<5%', 'rate>=290/s', 'rate>=299/s', 'dropped<0.1%'].map(
        parseThreshold,
      ),
    });
    expect(merged.thresholds.map((t) => [t.expression, t.passed])).toEqual([
      [`p99<=${p99}ms`, true],
      [`p99<${p99}ms`, false],
      ['errors<10%', true],
      ['errors<5%', false],
      ['rate>=290/s', true],
      ['rate>=299/s', false],
      ['dropped<0.1%', false],
    ]);
    expect(merged.thresholds[2]!.actual).toBe(single.errorRate);
    expect(Math.abs(merged.thresholds[4]!.actual - single.achievedRate)).toBeLessThan(0.15);
    expect(single.achievedRate).toBeGreaterThan(290);
    expect(single.achievedRate).toBeLessThan(299);
  });

  it('weighs per-second means of reports written before timeline responses existed by their sends', () => {
    const old = reports.map((r) => ({ ...r, timeline: r.timeline.map(({ responses: _r, ...s }) => s) }));
    const merged = mergeFireReports(old);
    const second = 3;
    const parts = old.map((r) => r.timeline[second]!);
    const expected =
      Math.round((parts.reduce((sum, s) => sum + s.meanMs! * s.sent, 0) / parts.reduce((sum, s) => sum + s.sent, 0)) * 1000) / 1000;
    expect(merged.timeline[second]!.meanMs).toBe(expected);
    expect(merged.timeline[second]!.sent).toBe(single.timeline[second]!.sent);
  });

  it('names the report and the second whose per-second histogram is not an HdrHistogram', () => {
    const broken = {
      ...reports[1]!,
      timeline: reports[1]!.timeline.map((s) =>
        s.second === 5 ? { ...s, histograms: { fromIntended: 'garbage', fromSend: 'garbage' } } : s,
      ),
    };
    expect(() => mergeFireReports([reports[0]!, broken], { files: ['a.json', 'b.json'] })).toThrow(
      "Failed to merge b.json: timeline second 5's histograms are not HdrHistograms in compressed base64. Pass the file as fire --report wrote it.",
    );
  });

  it('names the report whose histogram is not an HdrHistogram', () => {
    const broken = { ...reports[1]!, histograms: { ...reports[1]!.histograms, fromSend: 'not base64 at all' } };
    expect(() => mergeFireReports([reports[0]!, broken], { files: ['a.json', 'b.json'] })).toThrow(
      'Failed to merge b.json: histograms.fromSend is not an HdrHistogram in compressed base64. Pass the file as fire --report wrote it.',
    );
  });
});

describe('merging real fire runs', () => {
  let receiver: TestReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
  });

  it('three concurrent runs merge into the receiver’s count, with percentiles equal to an independent HDR merge', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n % 50 === 0 ? 500 : 204) });
    const runs = await Promise.all(
      [1, 2, 3].map((seed) =>
        fireLoad({
          triggers: ['SALE_NEW=80', 'SALE_CANCELED=20'],
          to: receiver!.url,
          rate: '200/s',
          count: 200,
          seed,
          env: {},
          secret: 'k',
        }),
      ),
    );
    const merged = mergeFireReports(runs.map((r) => r.report));
    expect(merged.counts.sent).toBe(600);
    expect(receiver.received).toHaveLength(600);
    expect(merged.statusCounts).toEqual({ '204': 588, '500': 12 });
    const independent = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: 3,
      useWebAssembly: false,
    });
    for (const run of runs) independent.add(hdr.decodeFromCompressedBase64(run.report.histograms.fromIntended, 32, false));
    expect(independent.totalCount).toBe(600);
    for (const [key, p] of [
      ['p50', 50],
      ['p90', 90],
      ['p99', 99],
      ['p99.9', 99.9],
    ] as const) {
      expect(merged.latency.fromIntended[key]).toBe(Math.round(independent.getValueAtPercentile(p)) / 1000);
    }
    // Max (and min) come from the reports' exact figures; the decoded histogram only knows the bucket top.
    const max = Math.max(...runs.map((r) => r.report.latency.fromIntended.max));
    expect(merged.latency.fromIntended.max).toBe(max);
    expect(independent.maxValue / 1000).toBeGreaterThanOrEqual(max);
    expect(independent.maxValue / 1000 - max).toBeLessThanOrEqual(max / 1000 + 0.001);
    // The engine recorded each second's statuses and histograms: they add up to the run's figures.
    const seconds = merged.timeline;
    const count200 = seconds.reduce((n, s) => n + (s.statusCounts!['204'] ?? 0), 0);
    const count500 = seconds.reduce((n, s) => n + (s.statusCounts!['500'] ?? 0), 0);
    expect([count200, count500]).toEqual([588, 12]);
    const perSecond = seconds
      .filter((s) => s.histograms)
      .map((s) => hdr.decodeFromCompressedBase64(s.histograms!.fromIntended, 32, false).totalCount);
    expect(perSecond.reduce((a, b) => a + b, 0)).toBe(600);
  });
});
