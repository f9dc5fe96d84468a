import type { FireReport, LatencySummary, ThresholdResult } from './build-fire-report.js';
import type { LoadStats } from './load-stats.js';

const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)}s` : n >= 10 ? `${n.toFixed(1)}ms` : `${n.toFixed(2)}ms`);
const pct = (n: number): string => `${(n * 100).toFixed(2)}%`;

function latencyRow(label: string, s: LatencySummary): string {
  if (s.count === 0) return `  ${label.padEnd(22)} (no responses)`;
  return `  ${label.padEnd(22)} p50 ${ms(s.p50).padStart(8)}  p90 ${ms(s.p90).padStart(8)}  p99 ${ms(s.p99).padStart(8)}  p99.9 ${ms(s['p99.9']).padStart(8)}  max ${ms(s.max).padStart(8)}`;
}

function countsLine(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k}: ${n}`).join('  ');
}

/** How a threshold's measured value reads: ms, a percentage or a rate. */
export function formatThresholdActual(result: ThresholdResult): string {
  if (result.expression.startsWith('errors') || result.expression.startsWith('dropped')) return pct(result.actual);
  if (result.expression.startsWith('rate')) return `${result.actual.toFixed(1)}/s`;
  return ms(result.actual);
}

/**
 * The end-of-run table printed on stdout.
 * @example process.stdout.write(formatFireSummary(report))
 */
export function formatFireSummary(report: FireReport): string {
  const c = report.counts;
  const asked = report.options.rate === 'max' ? 'max' : `${report.options.rate}/s`;
  const lines = [
    `systeme-mock fire -> ${report.target}${report.interrupted ? '  (interrupted)' : ''}`,
    `  requests   scheduled ${c.scheduled}  sent ${c.sent}  ok ${c.ok}  failed ${c.failed}  dropped ${c.dropped}  late ${c.late}`,
    `  rate       asked ${asked}${report.options.rampMs > 0 ? ` (ramp ${(report.options.rampMs / 1000).toFixed(1)}s)` : ''}  achieved ${report.achievedRate.toFixed(1)}/s${report.options.rampMs > 0 ? ` of the plan, mean ${report.meanRate.toFixed(1)}/s` : ''}  over ${(report.elapsedMs / 1000).toFixed(2)}s  (concurrency ${report.options.concurrency}, workers ${report.options.workers})`,
    `  errors     ${pct(report.errorRate)} of sent  (${countsLine(report.errorCounts)})`,
    `  status     ${countsLine(report.statusCounts)}`,
    `  triggers   ${countsLine(report.triggerCounts)}  (seed ${report.options.seed})`,
    ...(report.journeys === undefined
      ? []
      : [
          `  journeys   started ${report.journeys.started}  completed ${report.journeys.completed}  broken ${report.journeys.broken}  under way ${report.journeys.started - report.journeys.completed - report.journeys.broken}`,
        ]),
    'latency',
    latencyRow('from intended send', report.latency.fromIntended),
    latencyRow('from actual send', report.latency.fromSend),
    latencyRow('schedule lag', report.latency.scheduleLag),
  ];
  if (report.thresholds.length > 0) {
    lines.push('thresholds');
    for (const t of report.thresholds) {
      lines.push(`  ${t.passed ? 'PASS' : 'FAIL'}  ${t.expression.padEnd(18)} actual ${formatThresholdActual(t)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Minutes and seconds, as k6 writes them: `0m12.5s`, `5m00.0s`, `72m03.0s`. */
export function formatClock(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const minutes = Math.floor(tenths / 600);
  const rest = (tenths % 600) / 10;
  return `${minutes}m${rest.toFixed(1).padStart(4, '0')}s`;
}

export interface ProgressPlan {
  /** The planned length of the run in seconds, or null when unknown (a count at rate max). */
  totalSeconds: number | null;
  /** The run's request count (Infinity when bounded by duration): estimates the ETA at rate max. */
  count?: number | undefined;
}

/**
 * The live progress line (stderr, TTY only), as k6 shows it: elapsed/total, the time left, then
 * sent, ok, failed, dropped, rate and p99 from the intended time. At rate max with --count the total
 * is estimated from the pace so far (marked `~`).
 * @example formatProgressLine({ sent: 6250, ok: 6250, failed: 0, dropped: 0 }, 12.5, 3.2, { totalSeconds: 300 })
 * // 'running 0m12.5s/5m00.0s  eta 4m47.5s  sent 6250  ok 6250  failed 0  dropped 0  rate 500.0/s  p99 3.20ms'
 */
export function formatProgressLine(
  stats: Pick<LoadStats, 'sent' | 'ok' | 'failed' | 'dropped'>,
  elapsedSeconds: number,
  p99Ms: number,
  plan: ProgressPlan = { totalSeconds: null },
): string {
  const rate = elapsedSeconds > 0 ? stats.sent / elapsedSeconds : 0;
  let clock: string;
  if (plan.totalSeconds !== null) {
    const total = Math.max(plan.totalSeconds, 0);
    clock = `running ${formatClock(Math.min(elapsedSeconds, total))}/${formatClock(total)}  eta ${formatClock(Math.max(0, total - elapsedSeconds))}`;
  } else if (plan.count !== undefined && Number.isFinite(plan.count) && stats.sent > 0 && rate > 0) {
    const left = Math.max(0, plan.count - stats.sent - stats.dropped) / rate;
    clock = `running ${formatClock(elapsedSeconds)}/~${formatClock(elapsedSeconds + left)}  eta ~${formatClock(left)}`;
  } else {
    clock = `running ${formatClock(elapsedSeconds)}  eta ?`;
  }
  return `${clock}  sent ${stats.sent}  ok ${stats.ok}  failed ${stats.failed}  dropped ${stats.dropped}  rate ${rate.toFixed(1)}/s  p99 ${ms(p99Ms)}`;
}
