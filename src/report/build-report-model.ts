import { createSchedule, decodeHistogram } from '../load/index.js';
import type { FireReport, LatencySummary } from '../load/index.js';
import type { MergedFireReport } from './merge-fire-reports.js';
import type { ArtilleryOutput, ArtilleryPeriod } from './read-report-file.js';

/** One chart: x values and named series of the same length (null: no value there). */
export interface ChartModel {
  id: string;
  title: string;
  /** Why the chart reads as it does: the measure, what is and is not in it. */
  note: string;
  /** 'time': x is Unix seconds; 'percentile': x is 1 / (1 - p), drawn on a log scale as HdrHistogram's plotter does. */
  x: 'time' | 'percentile';
  yLabel: string;
  xs: number[];
  /** `dashed` marks a plan or reference line. */
  series: Array<{ label: string; values: Array<number | null>; dashed?: boolean }>;
  /** Set when the report does not hold this chart's data (an older report): why, shown instead of the chart. */
  notRecorded?: string;
}

/** Everything the HTML report shows, from a fire report (merged or not) or Artillery's output. */
export interface ReportModel {
  title: string;
  subtitle: string;
  figures: Array<[label: string, value: string]>;
  thresholds: Array<{ expression: string; actual: string; passed: boolean }>;
  settings: Array<[label: string, value: string]>;
  tables: Array<{ title: string; rows: Array<[string, string]> }>;
  charts: ChartModel[];
}

const fmtMs = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`);
const fmtPct = (n: number): string => `${(n * 100).toFixed(2)}%`;

function thresholdActual(expression: string, actual: number): string {
  if (expression.startsWith('errors') || expression.startsWith('dropped')) return fmtPct(actual);
  if (expression.startsWith('rate')) return `${actual.toFixed(1)}/s`;
  return fmtMs(actual);
}

/** Requests planned in each second of a run started at 0, as the fire schedule lays them out. */
function plannedPerSecond(options: FireReport['options'], seconds: number): Array<number | null> {
  if (options.rate === 'max') return new Array<number | null>(seconds).fill(null);
  const schedule = createSchedule(options.rate, options.rampMs);
  const cap = Math.min(options.count ?? Infinity, options.durationMs === null ? Infinity : schedule.countWithin(options.durationMs));
  const upTo = (ms: number): number => Math.min(cap, schedule.countWithin(ms));
  return Array.from({ length: seconds }, (_, k) => upTo((k + 1) * 1000) - upTo(k * 1000));
}

// Percentiles at which the distribution is read: 0 to 99.9999% in steps that are even on the 1/(1-p) scale.
const PERCENTILE_TICKS_PER_HALF = 5;

/** Points (1/(1-p), value in ms) of a µs histogram, up to the percentile its count can resolve. */
function percentilePoints(base64: string): { xs: number[]; values: number[] } {
  const histogram = decodeHistogram(base64);
  const xs: number[] = [];
  const values: number[] = [];
  if (histogram.totalCount === 0) return { xs, values };
  // Halvings of the remaining tail, as HdrHistogram's percentile output steps: 0, 50, 75, 87.5, ...
  const halvings = Math.ceil(Math.log2(histogram.totalCount)) + 1;
  for (let step = 0; step <= halvings * PERCENTILE_TICKS_PER_HALF; step++) {
    const tail = 0.5 ** (step / PERCENTILE_TICKS_PER_HALF);
    const p = 100 * (1 - tail);
    xs.push(1 / tail);
    values.push(histogram.getValueAtPercentile(p) / 1000);
  }
  xs.push(1 / 0.5 ** (halvings + 1));
  values.push(histogram.maxValue / 1000);
  return { xs, values };
}

function latencyRows(label: string, s: LatencySummary): Array<[string, string]> {
  if (s.count === 0) return [[label, 'no responses']];
  return [[label, `p50 ${fmtMs(s.p50)} · p90 ${fmtMs(s.p90)} · p99 ${fmtMs(s.p99)} · p99.9 ${fmtMs(s['p99.9'])} · max ${fmtMs(s.max)}`]];
}

function countRows(counts: Record<string, number>): Array<[string, string]> {
  const rows = Object.entries(counts).map(([k, n]): [string, string] => [k, String(n)]);
  return rows.length === 0 ? [['none', '0']] : rows;
}

/**
 * The HTML report's content for a fire report (or a merge of several): rate achieved against the
 * schedule, latency per second, the latency distributions, outcomes per second, thresholds, settings.
 * @example const model = buildFireReportModel(report);
 */
export function buildFireReportModel(report: FireReport | MergedFireReport): ReportModel {
  const startS = Date.parse(report.startedAt) / 1000;
  const seconds = report.timeline.length;
  const xs = report.timeline.map((s) => startS + s.second);
  const sources = 'sources' in report ? report.sources : [{ offsetSeconds: 0, options: report.options }];
  const planned = new Array<number | null>(seconds).fill(null);
  for (const source of sources) {
    plannedPerSecond(source.options, Math.max(0, seconds - source.offsetSeconds)).forEach((n, k) => {
      const at = k + source.offsetSeconds;
      if (n !== null && at < seconds) planned[at] = (planned[at] ?? 0) + n;
    });
  }
  const intended = percentilePoints(report.histograms.fromIntended);
  const fromSend = percentilePoints(report.histograms.fromSend);
  // Both curves on one x axis: the longer one's points (the counts are equal or close).
  const distXs = intended.xs.length >= fromSend.xs.length ? intended.xs : fromSend.xs;
  const pad = (values: number[]): Array<number | null> => distXs.map((_, k) => values[k] ?? null);
  const c = report.counts;
  const merged = 'sources' in report ? report.sources.length : 1;
  return {
    title: merged > 1 ? `systeme-mock fire: ${merged} reports merged` : 'systeme-mock fire',
    subtitle: `${report.target} · ${report.startedAt} → ${report.endedAt}${report.interrupted ? ' · interrupted' : ''}`,
    figures: [
      ['sent', `${c.sent} of ${c.scheduled} scheduled`],
      ['ok / failed', `${c.ok} / ${c.failed} (${fmtPct(report.errorRate)})`],
      ['dropped / late', `${c.dropped} / ${c.late}`],
      ['rate', `asked ${report.options.rate === 'max' ? 'max' : `${report.options.rate}/s`}, achieved ${report.achievedRate.toFixed(1)}/s`],
      ['p99 (from intended send)', report.latency.fromIntended.count === 0 ? 'n/a' : fmtMs(report.latency.fromIntended.p99)],
      ['p99 (from actual send)', report.latency.fromSend.count === 0 ? 'n/a' : fmtMs(report.latency.fromSend.p99)],
    ],
    thresholds: report.thresholds.map((t) => ({
      expression: t.expression,
      actual: thresholdActual(t.expression, t.actual),
      passed: t.passed,
    })),
    settings: [
      ['target', report.target],
      ['seed', report.options.seed],
      ['mix', report.options.mix.map((e) => `${e.trigger}=${e.weight}`).join(', ')],
      ['rate', report.options.rate === 'max' ? 'max' : `${report.options.rate}/s`],
      ['ramp', `${report.options.rampMs} ms`],
      [
        'duration / count',
        report.options.durationMs !== null ? `${report.options.durationMs} ms` : `${String(report.options.count)} requests`,
      ],
      ['concurrency / workers', `${report.options.concurrency} / ${report.options.workers}`],
      ['timeout / max lag / late after', `${report.options.timeoutMs} / ${report.options.maxLagMs} / ${report.options.lateAfterMs} ms`],
      ...('sources' in report
        ? report.sources.map((s, k): [string, string] => [
            `report ${k + 1}`,
            `${s.file ?? '(in memory)'}: ${s.target}, started ${s.startedAt} (+${s.offsetSeconds} s), seed ${s.options.seed}, sent ${s.counts.sent}`,
          ])
        : []),
    ],
    tables: [
      {
        title: 'Latency',
        rows: [
          ...latencyRows('from intended send', report.latency.fromIntended),
          ...latencyRows('from actual send', report.latency.fromSend),
          ...latencyRows('schedule lag', report.latency.scheduleLag),
        ],
      },
      { title: 'Status codes', rows: countRows(report.statusCounts) },
      { title: 'Error kinds (no response)', rows: countRows(report.errorCounts) },
      { title: 'Triggers', rows: countRows(report.triggerCounts) },
    ],
    charts: [
      {
        id: 'rate',
        title: 'Achieved vs planned rate',
        note: 'Requests sent per second, by the second each was due, against the schedule (rate and ramp; merged reports add their schedules on the wall clock).',
        x: 'time',
        yLabel: 'requests / s',
        xs,
        series: [
          { label: 'sent', values: report.timeline.map((s) => s.sent) },
          // Drawn last, dashed, so a run that kept to its plan shows both lines.
          { label: 'planned', values: planned, dashed: true },
        ],
      },
      percentileChart(report, xs, 'latency'),
      percentileChart(report, xs, 'actualLatency'),
      {
        id: 'latency-distribution',
        title: 'Latency distribution',
        note: 'HdrHistogram percentile plot: x is the percentile on a 1/(1-p) scale. Corrected: from the intended send. Service: from the actual send.',
        x: 'percentile',
        yLabel: 'ms',
        xs: distXs,
        series: [
          { label: 'from intended send', values: pad(intended.values) },
          { label: 'from actual send', values: pad(fromSend.values) },
        ],
      },
      statusChart(report, xs),
      {
        id: 'outcomes',
        title: 'Outcomes over time',
        note: 'Per second: 2xx answers, failures (non-2xx and transport errors; their kinds are counted in the tables), dropped and late requests.',
        x: 'time',
        yLabel: 'requests',
        xs,
        series: [
          { label: 'ok', values: report.timeline.map((s) => s.ok) },
          { label: 'failed', values: report.timeline.map((s) => s.failed) },
          { label: 'dropped', values: report.timeline.map((s) => s.dropped) },
          { label: 'late', values: report.timeline.map((s) => s.late) },
        ],
      },
    ],
  };
}

const NOT_RECORDED = 'Not recorded: this report was written before fire kept per-second histograms and status counts.';

/** p50/p90/p99/max per second of one latency, from the report's per-second fields. */
function percentileChart(report: FireReport, xs: number[], key: 'latency' | 'actualLatency'): ChartModel {
  const intended = key === 'latency';
  const recorded = report.timeline.some((s) => s[key] !== undefined);
  const pick = (stat: 'p50' | 'p90' | 'p99' | 'max'): Array<number | null> => report.timeline.map((s) => s[key]?.[stat] ?? null);
  const chart: ChartModel = {
    id: intended ? 'latency-over-time' : 'actual-latency-over-time',
    title: intended ? 'Latency percentiles over time (from the intended send)' : 'Latency percentiles over time (from the actual send)',
    note: intended
      ? "Per second (by due time): p50, p90, p99 and max of the latency from the time each request was due, so a sender's stall shows (corrected for coordinated omission). Percentiles within 1% (2-digit HDR histograms per second); max exact."
      : 'Per second (by due time): p50, p90, p99 and max from the actual send: the receiver and the network only. Percentiles within 1%; max exact.',
    x: 'time',
    yLabel: 'ms',
    xs,
    series: (['p50', 'p90', 'p99', 'max'] as const).map((stat) => ({ label: stat, values: pick(stat) })),
  };
  if (recorded) return chart;
  // Older reports still hold each second's mean and max from the intended send.
  if (intended) {
    return {
      ...chart,
      note: `${NOT_RECORDED} Shown instead: the mean and max per second it kept.`,
      series: [
        { label: 'mean', values: report.timeline.map((s) => s.meanMs) },
        { label: 'max', values: report.timeline.map((s) => s.maxMs) },
      ],
    };
  }
  return { ...chart, series: [], notRecorded: NOT_RECORDED };
}

/** One series per HTTP status and per error kind (requests without a response), per second. */
function statusChart(report: FireReport, xs: number[]): ChartModel {
  const recorded = report.timeline.some((s) => s.statusCounts !== undefined);
  const names = (key: 'statusCounts' | 'errorCounts'): string[] =>
    [...new Set(report.timeline.flatMap((s) => Object.keys(s[key] ?? {})))].sort();
  const series = (key: 'statusCounts' | 'errorCounts', label: (name: string) => string) =>
    names(key).map((name) => ({
      label: label(name),
      values: report.timeline.map((s) => (s[key] === undefined ? null : (s[key][name] ?? 0))),
    }));
  return {
    id: 'status-over-time',
    title: 'Status codes and error kinds over time',
    note: 'Per second (by due time): responses by HTTP status, and requests that got no response by error kind (timeout, refused, reset, ...).',
    x: 'time',
    yLabel: 'requests',
    xs,
    series: recorded ? [...series('statusCounts', (n) => `HTTP ${n}`), ...series('errorCounts', (n) => n)] : [],
    ...(recorded ? {} : { notRecorded: NOT_RECORDED }),
  };
}

function periodStart(p: ArtilleryPeriod): number {
  return Number(p.period) / 1000;
}

/** Names of counters seen in any period that start with a prefix, sorted. */
function counterNames(periods: readonly ArtilleryPeriod[], prefix: string): string[] {
  const names = new Set<string>();
  for (const p of periods) for (const name of Object.keys(p.counters)) if (name.startsWith(prefix)) names.add(name);
  return [...names].sort();
}

/**
 * The HTML report's content for `artillery run --output` (whose own HTML report Artillery dropped in
 * 2.0.22): request rate, response-time percentiles per period, codes and errors per period, counters.
 * @example const model = buildArtilleryReportModel(JSON.parse(readFileSync('out.json', 'utf8')));
 */
export function buildArtilleryReportModel(output: ArtilleryOutput): ReportModel {
  const periods = [...output.intermediate].sort((a, b) => Number(a.period) - Number(b.period));
  const xs = periods.map(periodStart);
  const aggregate = output.aggregate;
  const responseTime = aggregate.summaries?.['http.response_time'];
  const timeSeries = (stat: string): Array<number | null> => periods.map((p) => p.summaries?.['http.response_time']?.[stat] ?? null);
  const outcomeNames = [...counterNames(periods, 'http.codes.'), ...counterNames(periods, 'errors.')];
  const sentNames = counterNames([aggregate], 'systeme_mock.sent.');
  const distribution = (['p50', 'p75', 'p90', 'p95', 'p99', 'p999'] as const).map((name) => ({
    name,
    p: name === 'p999' ? 99.9 : Number(name.slice(1)),
  }));
  const counters = aggregate.counters;
  const start = aggregate.firstMetricAt === undefined ? '' : new Date(aggregate.firstMetricAt).toISOString();
  const end = aggregate.lastMetricAt === undefined ? '' : new Date(aggregate.lastMetricAt).toISOString();
  return {
    title: 'Artillery run',
    subtitle: `${start} → ${end} · ${periods.length} reporting periods`,
    figures: [
      ['requests', String(counters['http.requests'] ?? 0)],
      ['responses', String(counters['http.responses'] ?? 0)],
      ['virtual users failed', String(counters['vusers.failed'] ?? 0)],
      ['p99 response time', responseTime?.['p99'] === undefined ? 'n/a' : fmtMs(responseTime['p99'])],
    ],
    thresholds: [],
    settings: [
      ['source', 'artillery run --output (response times from the actual send; Artillery does not correct for coordinated omission)'],
    ],
    tables: [
      {
        title: 'Counters',
        rows: Object.entries(counters)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]): [string, string] => [k, String(n)]),
      },
      {
        title: 'Response time (ms)',
        rows: responseTime === undefined ? [['none', '']] : Object.entries(responseTime).map(([k, n]): [string, string] => [k, String(n)]),
      },
    ],
    charts: [
      {
        id: 'rate',
        title: 'Request rate',
        note: "Artillery's http.request_rate per reporting period, and its virtual users created per second.",
        x: 'time',
        yLabel: 'per second',
        xs,
        series: [
          { label: 'http.request_rate', values: periods.map((p) => p.rates?.['http.request_rate'] ?? null) },
          { label: 'vusers.created / s', values: periods.map((p) => (p.counters['vusers.created'] ?? 0) / periodSeconds(p)) },
        ],
      },
      {
        id: 'latency-over-time',
        title: 'Response time per period (from the actual send)',
        note: "Artillery's http.response_time summary of each period.",
        x: 'time',
        yLabel: 'ms',
        xs,
        series: [
          { label: 'p50', values: timeSeries('p50') },
          { label: 'p90', values: timeSeries('p90') },
          { label: 'p99', values: timeSeries('p99') },
          { label: 'max', values: timeSeries('max') },
        ],
      },
      {
        id: 'latency-distribution',
        title: 'Response time distribution',
        note: "The whole run's http.response_time percentiles as Artillery reports them, on a 1/(1-p) scale.",
        x: 'percentile',
        yLabel: 'ms',
        xs: distribution.map((d) => 100 / (100 - d.p)),
        series: [{ label: 'http.response_time', values: distribution.map((d) => responseTime?.[d.name] ?? null) }],
      },
      {
        id: 'outcomes',
        title: 'Status codes and errors per period',
        note: 'http.codes.* and errors.* counters of each period.',
        x: 'time',
        yLabel: 'count',
        xs,
        series: outcomeNames.map((name) => ({ label: name, values: periods.map((p) => p.counters[name] ?? 0) })),
      },
      ...(sentNames.length === 0
        ? []
        : [
            {
              id: 'triggers',
              title: 'systeme-mock triggers sent per period',
              note: "The processor's systeme_mock.sent.<trigger> counters: the mix as sent.",
              x: 'time' as const,
              yLabel: 'count',
              xs,
              series: sentNames.map((name) => ({
                label: name.slice('systeme_mock.sent.'.length),
                values: periods.map((p) => p.counters[name] ?? 0),
              })),
            },
          ]),
    ],
  };
}

/** A period's width in seconds as Artillery prints it (first to last metric), at least 1 s. */
function periodSeconds(p: ArtilleryPeriod): number {
  if (p.firstMetricAt === undefined || p.lastMetricAt === undefined) return 10;
  return Math.max(1, (p.lastMetricAt - p.firstMetricAt) / 1000);
}
