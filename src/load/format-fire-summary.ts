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
    `  rate       asked ${asked}  achieved ${report.achievedRate.toFixed(1)}/s  over ${(report.elapsedMs / 1000).toFixed(2)}s  (concurrency ${report.options.concurrency}, workers ${report.options.workers})`,
    `  errors     ${pct(report.errorRate)} of sent  (${countsLine(report.errorCounts)})`,
    `  status     ${countsLine(report.statusCounts)}`,
    `  triggers   ${countsLine(report.triggerCounts)}  (seed ${report.options.seed})`,
    ...(report.journeys === undefined
      ? []
      : [`  journeys   started ${report.journeys.started}  completed ${report.journeys.completed}  broken ${report.journeys.broken}  under way ${report.journeys.started - report.journeys.completed - report.journeys.broken}`]),
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

/**
 * The live progress line (stderr, TTY only): sent, ok, failed, rate, p99 from the intended time.
 * @example formatProgressLine(stats, 12.5)
 */
export function formatProgressLine(stats: Pick<LoadStats, 'sent' | 'ok' | 'failed' | 'dropped'>, elapsedSeconds: number, p99Ms: number): string {
  const rate = elapsedSeconds > 0 ? stats.sent / elapsedSeconds : 0;
  return `sent ${stats.sent}  ok ${stats.ok}  failed ${stats.failed}  dropped ${stats.dropped}  rate ${rate.toFixed(1)}/s  p99 ${ms(p99Ms)}`;
}
