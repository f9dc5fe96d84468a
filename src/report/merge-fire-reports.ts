import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { UsageError } from '../errors.js';
import {
  createLatencyHistogram,
  createSecondHistogram,
  decodeHistogram,
  describeSecond,
  evaluateThresholds,
  summarizeHistogram,
} from '../load/index.js';
import type { FireReport, LatencySummary, Threshold } from '../load/index.js';

/** Where each merged report sat on the wall clock, and what it was asked to do. */
export interface MergedSource {
  /** The file it came from, when read from one. */
  file: string | null;
  target: string;
  startedAt: string;
  /** Whole seconds from the merged start to this report's start: its timeline's shift. */
  offsetSeconds: number;
  options: FireReport['options'];
  counts: FireReport['counts'];
}

/** A merged report: the same schema as one `fire` report, plus where its parts came from. */
export interface MergedFireReport extends FireReport {
  sources: MergedSource[];
}

export interface MergeFireReportsOptions {
  /** Evaluated on the merged figures (latency metrics from the intended send). Default: none. */
  thresholds?: readonly Threshold[] | undefined;
  /** The file each report came from, in the same order, for the sources list and error messages. */
  files?: readonly string[] | undefined;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

function sortKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * Percentiles and mean from the merged histogram; min and max from the reports' own, which are exact
 * (an encoded histogram keeps only the bucket of its extremes, up to 0.1% off).
 */
function summarize(histogram: Histogram, parts: readonly LatencySummary[]): LatencySummary {
  const summary = summarizeHistogram(histogram);
  const measured = parts.filter((p) => p.count > 0);
  if (measured.length === 0) return summary;
  return { ...summary, min: Math.min(...measured.map((p) => p.min)), max: Math.max(...measured.map((p) => p.max)) };
}

type TimelineEntry = FireReport['timeline'][number];

/** A merged second while parts are added: its sums, and its histograms and counts while every part had them. */
interface MergingSecond extends TimelineEntry {
  latencySum: number;
  responses: number;
  /** Null once a part without per-second histograms (an older report) answered in this second. */
  intended: Histogram | null;
  fromSend: Histogram | null;
  /** The parts' exact per-second maxima (ms). */
  intendedMax: number;
  fromSendMax: number;
  /** Null once a part without per-second counts contributed to this second. */
  statusBy: Record<string, number> | null;
  errorBy: Record<string, number> | null;
}

/**
 * Merges `fire` reports from several processes or machines into one of the same schema: counts add,
 * HDR histograms add bucket by bucket (so percentiles are those of the union of requests), timelines
 * add second by second after shifting each by its start on the wall clock, and thresholds are
 * evaluated on the result.
 * @example const merged = mergeFireReports([a, b], { thresholds: [parseThreshold('p99<500ms')] });
 */
export function mergeFireReports(reports: readonly FireReport[], options: MergeFireReportsOptions = {}): MergedFireReport {
  if (reports.length === 0) throw new UsageError('Failed to merge reports: none given. Pass one or more fire --report files.', 'BAD_INPUT');
  const parts = reports;
  const starts = parts.map((r) => Date.parse(r.startedAt));
  const startMs = Math.min(...starts);

  const histograms: Record<'fromIntended' | 'fromSend' | 'scheduleLag', Histogram> = {
    fromIntended: createLatencyHistogram(),
    fromSend: createLatencyHistogram(),
    scheduleLag: createLatencyHistogram(),
  };
  const counts: FireReport['counts'] = { scheduled: 0, sent: 0, responses: 0, ok: 0, failed: 0, dropped: 0, late: 0 };
  const statusCounts: Record<string, number> = {};
  const errorCounts: Record<string, number> = {};
  const triggerCounts: Record<string, number> = {};
  const timeline: MergingSecond[] = [];
  let endMs = startMs;
  let windowEndMs = startMs;
  const partWindows: Array<{ windowMs: number; achievedRate: number }> = [];
  const sources: MergedSource[] = [];

  parts.forEach((report, k) => {
    const partStart = starts[k]!;
    const offsetSeconds = Math.round((partStart - startMs) / 1000);
    for (const key of Object.keys(counts) as Array<keyof FireReport['counts']>) counts[key] += report.counts[key];
    addCounts(statusCounts, report.statusCounts);
    addCounts(errorCounts, report.errorCounts);
    addCounts(triggerCounts, report.triggerCounts);
    for (const key of ['fromIntended', 'fromSend', 'scheduleLag'] as const) {
      let histogram: Histogram;
      try {
        histogram = decodeHistogram(report.histograms[key]);
      } catch (error) {
        const name = options.files?.[k] ?? `report ${k + 1}`;
        throw new UsageError(
          `Failed to merge ${name}: histograms.${key} is not an HdrHistogram in compressed base64. Pass the file as fire --report wrote it.`,
          'BAD_INPUT',
          error,
        );
      }
      histograms[key].add(histogram);
    }
    for (const s of report.timeline as TimelineEntry[]) {
      const second = s.second + offsetSeconds;
      while (timeline.length <= second) {
        timeline.push({
          second: timeline.length,
          sent: 0,
          ok: 0,
          failed: 0,
          dropped: 0,
          late: 0,
          meanMs: null,
          maxMs: null,
          responses: 0,
          latencySum: 0,
          intended: createSecondHistogram(),
          fromSend: createSecondHistogram(),
          intendedMax: 0,
          fromSendMax: 0,
          statusBy: {},
          errorBy: {},
        });
      }
      const t = timeline[second]!;
      t.sent += s.sent;
      t.ok += s.ok;
      t.failed += s.failed;
      t.dropped += s.dropped;
      t.late += s.late;
      // Reports written before `responses` was added weigh their mean by their sends.
      const responses = s.responses ?? (s.meanMs === null ? 0 : s.sent);
      t.responses += responses;
      if (s.meanMs !== null) t.latencySum += s.meanMs * responses;
      if (s.maxMs !== null) t.maxMs = t.maxMs === null ? s.maxMs : Math.max(t.maxMs, s.maxMs);
      if (s.histograms) {
        try {
          t.intended?.add(decodeHistogram(s.histograms.fromIntended));
          t.fromSend?.add(decodeHistogram(s.histograms.fromSend));
          t.intendedMax = Math.max(t.intendedMax, s.latency?.max ?? 0);
          t.fromSendMax = Math.max(t.fromSendMax, s.actualLatency?.max ?? 0);
        } catch (error) {
          const name = options.files?.[k] ?? `report ${k + 1}`;
          throw new UsageError(
            `Failed to merge ${name}: timeline second ${s.second}'s histograms are not HdrHistograms in compressed base64. Pass the file as fire --report wrote it.`,
            'BAD_INPUT',
            error,
          );
        }
      } else if (responses > 0 && s.histograms === undefined) {
        t.intended = null;
        t.fromSend = null;
      }
      if (s.statusCounts !== undefined && s.errorCounts !== undefined) {
        if (t.statusBy !== null) addCounts(t.statusBy, s.statusCounts);
        if (t.errorBy !== null) addCounts(t.errorBy, s.errorCounts);
      } else {
        t.statusBy = null;
        t.errorBy = null;
      }
    }
    endMs = Math.max(endMs, partStart + report.elapsedMs);
    // The sending window a report's mean rate was computed over: sent / rate seconds (reports written
    // before `meanRate` have no ramp correction, so their achieved rate is that mean rate).
    const meanRate = report.meanRate ?? report.achievedRate;
    const windowMs = meanRate > 0 ? (report.counts.sent / meanRate) * 1000 : 0;
    windowEndMs = Math.max(windowEndMs, partStart + windowMs);
    partWindows.push({ windowMs, achievedRate: report.achievedRate });
    sources.push({
      file: options.files?.[k] ?? null,
      target: report.target,
      startedAt: report.startedAt,
      offsetSeconds,
      options: report.options,
      counts: report.counts,
    });
  });

  const rates = parts.map((r) => r.options.rate);
  const mix = new Map<string, number>();
  for (const r of parts) for (const e of r.options.mix) mix.set(e.trigger, (mix.get(e.trigger) ?? 0) + e.weight / parts.length);
  const durations = parts.map((r) => r.options.durationMs);
  const countsAsked = parts.map((r) => r.options.count);
  const windowMs = windowEndMs - startMs;
  const withoutThresholds: Omit<FireReport, 'thresholds'> = {
    version: 1,
    target: distinct(parts.map((r) => r.target)).join(', '),
    startedAt: new Date(startMs).toISOString(),
    endedAt: new Date(endMs).toISOString(),
    elapsedMs: round3(endMs - startMs),
    interrupted: parts.some((r) => r.interrupted),
    options: {
      // The merged plan is every process's plan at once: rates and caps add.
      rate: rates.every((r) => r !== 'max') ? round3(rates.reduce<number>((sum, r) => sum + (r as number), 0)) : 'max',
      rampMs: Math.max(...parts.map((r) => r.options.rampMs)),
      durationMs: durations.every((d) => d !== null) ? Math.max(...(durations as number[])) : null,
      count: countsAsked.every((c) => c !== null) ? (countsAsked as number[]).reduce((a, b) => a + b, 0) : null,
      concurrency: parts.reduce((sum, r) => sum + r.options.concurrency, 0),
      maxLagMs: Math.max(...parts.map((r) => r.options.maxLagMs)),
      lateAfterMs: Math.max(...parts.map((r) => r.options.lateAfterMs)),
      timeoutMs: Math.max(...parts.map((r) => r.options.timeoutMs)),
      workers: parts.reduce((sum, r) => sum + r.options.workers, 0),
      seed: distinct(parts.map((r) => r.options.seed)).join(','),
      mix: [...mix].map(([trigger, weight]) => ({ trigger, weight: round3(weight) })),
    },
    counts,
    errorRate: counts.sent === 0 ? 0 : counts.failed / counts.sent,
    dropRate: counts.scheduled === 0 ? 0 : counts.dropped / counts.scheduled,
    // Each part's rate against its plan, weighed by the time it sent over the merged window: concurrent
    // parts add up, consecutive ones average. Without ramps this equals the merged mean rate.
    achievedRate:
      counts.sent === 0
        ? 0
        : round3(windowMs > 0 ? partWindows.reduce((sum, part) => sum + (part.achievedRate * part.windowMs) / windowMs, 0) : counts.sent),
    meanRate: counts.sent === 0 ? 0 : round3(windowMs > 0 ? counts.sent / (windowMs / 1000) : counts.sent),
    statusCounts: sortKeys(statusCounts),
    errorCounts: sortKeys(errorCounts),
    triggerCounts: sortKeys(triggerCounts),
    latency: {
      fromIntended: summarize(
        histograms.fromIntended,
        parts.map((r) => r.latency.fromIntended),
      ),
      fromSend: summarize(
        histograms.fromSend,
        parts.map((r) => r.latency.fromSend),
      ),
      scheduleLag: summarize(
        histograms.scheduleLag,
        parts.map((r) => r.latency.scheduleLag),
      ),
    },
    histograms: {
      encoding: 'HdrHistogram V2 compressed base64 (hdr-histogram-js encodeIntoCompressedBase64), values in microseconds',
      fromIntended: encodeIntoCompressedBase64(histograms.fromIntended),
      fromSend: encodeIntoCompressedBase64(histograms.fromSend),
      scheduleLag: encodeIntoCompressedBase64(histograms.scheduleLag),
    },
    timeline: timeline.map(({ latencySum, responses, intended, fromSend, intendedMax, fromSendMax, statusBy, errorBy, ...s }) => {
      const entry: TimelineEntry = { ...s, meanMs: responses === 0 ? null : round3(latencySum / responses), responses };
      // The additive fields only when every part that contributed to the second had them.
      const described = describeSecond(intended, fromSend, {
        statusCounts: statusBy ?? {},
        errorCounts: errorBy ?? {},
        intendedMaxMs: intendedMax,
        fromSendMaxMs: fromSendMax,
      });
      if (intended !== null && fromSend !== null)
        Object.assign(entry, { latency: described.latency, actualLatency: described.actualLatency, histograms: described.histograms });
      if (statusBy !== null && errorBy !== null)
        Object.assign(entry, { statusCounts: described.statusCounts, errorCounts: described.errorCounts });
      return entry;
    }),
  };
  return { ...withoutThresholds, thresholds: evaluateThresholds(options.thresholds ?? [], withoutThresholds), sources };
}
