import type { JourneyCounts } from './create-journey-load.js';
import type { Histogram } from 'hdr-histogram-js';
import { encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { createSchedule } from './create-schedule.js';
import { readSecondHistogram } from './load-stats.js';
import type { LoadStats } from './load-stats.js';
import type { NormalizedFireOptions } from './normalize-fire-options.js';
import type { Threshold } from './parse-load-values.js';

/** Percentiles of one histogram, in milliseconds. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  'p99.9': number;
  max: number;
}

/** Percentiles of one second's latencies, in ms (read from its 2-digit histogram: within 1%); max is exact. */
export interface SecondPercentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * One second of a report. The fields after `responses` were added later: reports written before them
 * lack them (and merge, and render, without them).
 */
export interface FireReportSecond {
  second: number;
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  late: number;
  meanMs: number | null;
  maxMs: number | null;
  responses?: number;
  /** From the intended send (coordinated omission corrected); null when no response that second. */
  latency?: SecondPercentiles | null;
  /** From the actual send. */
  actualLatency?: SecondPercentiles | null;
  /** That second's histograms (2 significant digits, µs, compressed base64) so merges stay exact; null when no response. */
  histograms?: { fromIntended: string; fromSend: string } | null;
  statusCounts?: Record<string, number>;
  errorCounts?: Record<string, number>;
}

export interface ThresholdResult {
  expression: string;
  /** The measured value, in the threshold's unit: ms, a fraction (0.01 = 1%) or req/s. */
  actual: number;
  passed: boolean;
}

/** Everything `--report FILE.json` holds. Latencies in ms; histograms in µs. */
export interface FireReport {
  /** `fire --journey` only: journeys started, completed (every step answered with a success) and broken. */
  journeys?: JourneyCounts;
  version: 1;
  target: string;
  startedAt: string;
  endedAt: string;
  /** ms from the start to the end of the last request. */
  elapsedMs: number;
  interrupted: boolean;
  options: {
    rate: number | 'max';
    rampMs: number;
    durationMs: number | null;
    count: number | null;
    concurrency: number;
    maxLagMs: number;
    lateAfterMs: number;
    timeoutMs: number;
    workers: number;
    seed: string;
    mix: Array<{ trigger: string; weight: number }>;
  };
  counts: Pick<LoadStats, 'scheduled' | 'sent' | 'responses' | 'ok' | 'failed' | 'dropped' | 'late'>;
  /** failed / sent (0 when nothing was sent). */
  errorRate: number;
  /** dropped / scheduled (0 when nothing was scheduled). */
  dropRate: number;
  /**
   * The rate the run kept, in the asked rate's terms: asked rate × sent / requests the plan (ramp
   * included) puts in the sending window. A perfect run, ramped or not, gives the asked rate; late or
   * missing sends lower it. At rate max it is the mean rate. `rate>` thresholds compare this.
   */
  achievedRate: number;
  /** Plain sends per second over the sending window (below the asked rate during a ramp). */
  meanRate: number;
  statusCounts: Record<string, number>;
  errorCounts: Record<string, number>;
  triggerCounts: Record<string, number>;
  latency: {
    /** From the intended send time: what a sender on systeme.io's schedule would see. */
    fromIntended: LatencySummary;
    /** From the actual send: the receiver's service time plus the network. */
    fromSend: LatencySummary;
    /** Actual send minus due time. */
    scheduleLag: LatencySummary;
  };
  histograms: {
    encoding: 'HdrHistogram V2 compressed base64 (hdr-histogram-js encodeIntoCompressedBase64), values in microseconds';
    fromIntended: string;
    fromSend: string;
    scheduleLag: string;
  };
  /** Per second, by due time. `responses` (the requests of that second that got an answer) weighs `meanMs` when reports merge. */
  timeline: FireReportSecond[];
  thresholds: ThresholdResult[];
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * p50/p90/p99 of a second's µs histogram and its exact max, in ms; null when it holds nothing. (The
 * histogram's own max is its bucket's top once encoded, so the exact figure is kept beside it.)
 */
export function summarizeSecond(histogram: Histogram | null, maxMs: number): SecondPercentiles | null {
  if (histogram === null || histogram.totalCount === 0) return null;
  // A percentile reads its bucket's top, which may pass the exact max: it never reads above it.
  const at = (p: number): number => Math.min(maxMs, round3(histogram.getValueAtPercentile(p) / 1000));
  return { p50: at(50), p90: at(90), p99: at(99), max: maxMs };
}

/** The additive per-second fields of a report from a second's two histograms and counts. */
export function describeSecond(
  intended: Histogram | null,
  fromSend: Histogram | null,
  counts: { statusCounts: Record<string, number>; errorCounts: Record<string, number>; intendedMaxMs: number; fromSendMaxMs: number },
): Required<Pick<FireReportSecond, 'latency' | 'actualLatency' | 'histograms' | 'statusCounts' | 'errorCounts'>> {
  return {
    latency: summarizeSecond(intended, counts.intendedMaxMs),
    actualLatency: summarizeSecond(fromSend, counts.fromSendMaxMs),
    histograms:
      intended === null || fromSend === null || intended.totalCount === 0
        ? null
        : { fromIntended: encodeIntoCompressedBase64(intended), fromSend: encodeIntoCompressedBase64(fromSend) },
    statusCounts: sortKeys(counts.statusCounts),
    errorCounts: sortKeys(counts.errorCounts),
  };
}

/** Percentiles of a µs histogram, in ms. */
export function summarizeHistogram(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  const at = (p: number): number => (count === 0 ? 0 : round3(histogram.getValueAtPercentile(p) / 1000));
  return {
    count,
    min: count === 0 ? 0 : round3(histogram.minNonZeroValue / 1000),
    mean: count === 0 ? 0 : round3(histogram.mean / 1000),
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    'p99.9': at(99.9),
    max: count === 0 ? 0 : round3(histogram.maxValue / 1000),
  };
}

function sendingWindowMs(
  stats: Pick<LoadStats, 'sent' | 'lastSendMs'>,
  options: Pick<NormalizedFireOptions, 'rate' | 'rampMs' | 'durationMs' | 'count'>,
  interrupted: boolean,
): number {
  const intervalMs = Number.isFinite(options.rate) ? 1000 / options.rate : 0;
  let scheduledEndMs = 0;
  if (!interrupted) {
    if (Number.isFinite(options.durationMs)) scheduledEndMs = options.durationMs;
    else if (Number.isFinite(options.rate))
      scheduledEndMs = createSchedule(options.rate, options.rampMs).dueAt(options.count - 1) + intervalMs;
  }
  return Math.max(scheduledEndMs, stats.lastSendMs + intervalMs);
}

/**
 * Sends per second over the sending window: from the start to the later of the scheduled end and one
 * interval after the last send.
 * @example computeMeanRate(stats, { rate: 500, rampMs: 0, durationMs: 10_000, count: Infinity }, false) // 500 for 5000 sent on time
 */
export function computeMeanRate(
  stats: Pick<LoadStats, 'sent' | 'lastSendMs'>,
  options: Pick<NormalizedFireOptions, 'rate' | 'rampMs' | 'durationMs' | 'count'>,
  interrupted: boolean,
): number {
  if (stats.sent === 0) return 0;
  const windowMs = sendingWindowMs(stats, options, interrupted);
  return windowMs > 0 ? stats.sent / (windowMs / 1000) : stats.sent;
}

/**
 * The rate a run kept against its plan: asked rate × sent / planned sends in the sending window, so
 * a ramp does not count as a shortfall. Without a ramp it equals the mean rate; at rate max too.
 * @example computeAchievedRate(stats, { rate: 500, rampMs: 30_000, durationMs: 60_000, count: Infinity }, false) // 500 for 22500 sent on time
 */
export function computeAchievedRate(
  stats: Pick<LoadStats, 'sent' | 'lastSendMs'>,
  options: Pick<NormalizedFireOptions, 'rate' | 'rampMs' | 'durationMs' | 'count'>,
  interrupted: boolean,
): number {
  if (stats.sent === 0) return 0;
  if (!Number.isFinite(options.rate)) return computeMeanRate(stats, options, interrupted);
  const planned = createSchedule(options.rate, options.rampMs).countWithin(sendingWindowMs(stats, options, interrupted));
  return planned > 0 ? (options.rate * stats.sent) / planned : computeMeanRate(stats, options, interrupted);
}

function compare(actual: number, operator: Threshold['operator'], limit: number): boolean {
  switch (operator) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
  }
}

/**
 * Checks thresholds against a report's figures; latency metrics use the latency from the intended time.
 * @example evaluateThresholds([parseThreshold('errors<1%')], report) // [{ expression: 'errors<1%', actual: 0, passed: true }]
 */
export function evaluateThresholds(
  thresholds: readonly Threshold[],
  report: Pick<FireReport, 'latency' | 'errorRate' | 'dropRate' | 'achievedRate'>,
): ThresholdResult[] {
  return thresholds.map((t) => {
    const actual =
      t.metric === 'errors'
        ? report.errorRate
        : t.metric === 'dropped'
          ? report.dropRate
          : t.metric === 'rate'
            ? report.achievedRate
            : report.latency.fromIntended[t.metric];
    return { expression: t.expression, actual, passed: compare(actual, t.operator, t.value) };
  });
}

/**
 * Turns final stats into the report: every figure, the histograms in a mergeable encoding, thresholds.
 * @example const report = buildFireReport(stats, options, { startedAt, interrupted: false });
 */
export function buildFireReport(
  stats: LoadStats,
  options: NormalizedFireOptions,
  run: { startedAt: Date; interrupted: boolean },
): FireReport {
  const withoutThresholds: Omit<FireReport, 'thresholds'> = {
    version: 1,
    target: options.url,
    startedAt: run.startedAt.toISOString(),
    endedAt: new Date(run.startedAt.getTime() + stats.endMs).toISOString(),
    elapsedMs: round3(stats.endMs),
    interrupted: run.interrupted,
    options: {
      rate: Number.isFinite(options.rate) ? options.rate : 'max',
      rampMs: options.rampMs,
      durationMs: Number.isFinite(options.durationMs) ? options.durationMs : null,
      count: Number.isFinite(options.count) ? options.count : null,
      concurrency: options.concurrency,
      maxLagMs: options.maxLagMs,
      lateAfterMs: options.lateAfterMs,
      timeoutMs: options.timeoutMs,
      workers: options.workers,
      seed: options.seed,
      mix: options.mix.map((e) => ({ trigger: e.trigger, weight: e.weight })),
    },
    counts: {
      scheduled: stats.scheduled,
      sent: stats.sent,
      responses: stats.responses,
      ok: stats.ok,
      failed: stats.failed,
      dropped: stats.dropped,
      late: stats.late,
    },
    errorRate: stats.sent === 0 ? 0 : stats.failed / stats.sent,
    dropRate: stats.scheduled === 0 ? 0 : stats.dropped / stats.scheduled,
    achievedRate: round3(computeAchievedRate(stats, options, run.interrupted)),
    meanRate: round3(computeMeanRate(stats, options, run.interrupted)),
    statusCounts: sortKeys(stats.statusCounts),
    errorCounts: sortKeys(stats.errorCounts),
    triggerCounts: sortKeys(stats.triggerCounts),
    latency: {
      fromIntended: summarizeHistogram(stats.latency),
      fromSend: summarizeHistogram(stats.serviceLatency),
      scheduleLag: summarizeHistogram(stats.scheduleLag),
    },
    histograms: {
      encoding: 'HdrHistogram V2 compressed base64 (hdr-histogram-js encodeIntoCompressedBase64), values in microseconds',
      fromIntended: encodeIntoCompressedBase64(stats.latency),
      fromSend: encodeIntoCompressedBase64(stats.serviceLatency),
      scheduleLag: encodeIntoCompressedBase64(stats.scheduleLag),
    },
    timeline: stats.timeline.map((s) => {
      const { responses } = s;
      return {
        second: s.second,
        sent: s.sent,
        ok: s.ok,
        failed: s.failed,
        dropped: s.dropped,
        late: s.late,
        // Transport errors have no latency, so the mean is over this second's responses only.
        meanMs: responses === 0 ? null : round3(s.latencySumUs / 1000 / responses),
        maxMs: responses === 0 ? null : round3(s.latencyMaxUs / 1000),
        responses,
        ...describeSecond(readSecondHistogram(s, 'latency'), readSecondHistogram(s, 'serviceLatency'), {
          statusCounts: s.statusCounts,
          errorCounts: s.errorCounts,
          intendedMaxMs: round3(s.latencyMaxUs / 1000),
          fromSendMaxMs: round3(s.serviceLatencyMaxUs / 1000),
        }),
      };
    }),
  };
  return { ...withoutThresholds, thresholds: evaluateThresholds(options.thresholds, withoutThresholds) };
}

function sortKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
