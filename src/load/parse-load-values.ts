import { UsageError } from '../errors.js';
import { parseDuration as parseDurationValue } from '../wire/parse-duration.js';

/** Requests per second; `Infinity` means "as fast as the concurrency cap allows". */
export type Rate = number;

const RATE_UNITS: Record<string, number> = { s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600 };

/**
 * Reads a rate: `500/s`, `500` (per second), `30000/m`, `1800/h`, or `max`.
 * @example parseRate('30000/m') // 500
 */
export function parseRate(text: string, option = '--rate'): Rate {
  const trimmed = text.trim();
  if (trimmed === 'max') return Infinity;
  const match = /^(\d+(?:\.\d+)?)(?:\/(s|sec|m|min|h))?$/.exec(trimmed);
  const perUnit = match === null ? undefined : RATE_UNITS[match[2] ?? 's'];
  if (match === null || perUnit === undefined) {
    throw new UsageError(
      `Failed to read ${option} "${text}": it is not a rate. Write it as 500/s, 30000/m, 500 (per second) or max.`,
      'BAD_RATE',
    );
  }
  const rate = Number(match[1]) * perUnit;
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new UsageError(`Failed to read ${option} "${text}": the rate must be above zero. Write it as 500/s, 30000/m or max.`, 'BAD_RATE');
  }
  return rate;
}

/**
 * Reads a duration into milliseconds: `500ms`, `30s`, `5m`, `1h`, `1m30s`, or a bare number of
 * milliseconds, as every duration option does (see src/wire/parse-duration.ts).
 * @example parseDuration('1m30s', '--duration') // 90000
 */
export function parseDuration(text: string, option: string, allowZero = false): number {
  return parseDurationValue(text, option, { allowZero });
}

/** One entry of the trigger mix. */
export interface MixEntry {
  trigger: string;
  weight: number;
}

/**
 * Reads `SALE_NEW=80,SALE_CANCELED=20` (or bare ids: equal weights) into mix entries.
 * @example parseMix(['SALE_NEW=80,SALE_CANCELED=20']) // [{trigger:'SALE_NEW',weight:80},{trigger:'SALE_CANCELED',weight:20}]
 */
export function parseMix(items: readonly string[], option = '--mix'): MixEntry[] {
  const entries: MixEntry[] = [];
  for (const item of items) {
    for (const raw of item.split(',')) {
      const part = raw.trim();
      if (part.length === 0) continue;
      const eq = part.indexOf('=');
      const trigger = (eq === -1 ? part : part.slice(0, eq)).trim();
      const weightText = eq === -1 ? '1' : part.slice(eq + 1).trim();
      if (trigger.length === 0) {
        throw new UsageError(
          `Failed to read ${option} "${item}": an entry has no trigger. Write it as SALE_NEW=80,SALE_CANCELED=20.`,
          'BAD_MIX',
        );
      }
      const weight = /^\d+(\.\d+)?$/.test(weightText) ? Number(weightText) : NaN;
      if (!(weight > 0)) {
        throw new UsageError(
          `Failed to read ${option} "${item}": the weight of ${trigger} is "${weightText}", not a number above zero. Write it as SALE_NEW=80,SALE_CANCELED=20.`,
          'BAD_MIX',
        );
      }
      if (entries.some((e) => e.trigger === trigger)) {
        throw new UsageError(`Failed to read ${option} "${item}": ${trigger} is named twice. Name each trigger once.`, 'BAD_MIX');
      }
      entries.push({ trigger, weight });
    }
  }
  return entries;
}

export type ThresholdMetric = 'p50' | 'p90' | 'p95' | 'p99' | 'p99.9' | 'max' | 'mean' | 'errors' | 'dropped' | 'rate';
export type ThresholdOperator = '<' | '<=' | '>' | '>=';

/** A pass/fail rule over the final figures, e.g. `p99<500ms`. Values are ms, fractions (0.01) or req/s. */
export interface Threshold {
  expression: string;
  metric: ThresholdMetric;
  operator: ThresholdOperator;
  value: number;
}

const LATENCY_METRICS = new Set(['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean']);
const METRIC_LIST = 'p50, p90, p95, p99, p99.9, max, mean, errors, dropped, rate';

/**
 * Reads a threshold: `p99<500ms`, `max<=2s`, `errors<1%`, `dropped<0.1%`, `rate>490/s`.
 * Latency metrics are measured from the intended send time.
 * @example parseThreshold('p99<500ms') // { metric: 'p99', operator: '<', value: 500, ... }
 */
export function parseThreshold(text: string): Threshold {
  const expression = text.replace(/\s+/g, '');
  const match = /^([a-z0-9.]+)(<=|>=|<|>)(.+)$/.exec(expression);
  const fail = (reason: string, fix: string): never => {
    throw new UsageError(`Failed to read --threshold "${text}": ${reason}. ${fix}`, 'BAD_THRESHOLD');
  };
  if (match === null) return fail('it is not <metric><operator><value>', "Write it as 'p99<500ms', 'errors<1%' or 'rate>490/s'.");
  const [, metric = '', operator = '<', valueText = ''] = match;
  if (LATENCY_METRICS.has(metric)) {
    const ms = /^\d+(\.\d+)?(us|ms|s|m)?$/.test(valueText) ? parseDuration(valueText, '--threshold', true) : NaN;
    if (Number.isNaN(ms))
      return fail(`"${valueText}" is not a duration`, `Write the limit with a unit, as in '${metric}${operator}500ms'.`);
    return { expression, metric: metric as ThresholdMetric, operator: operator as ThresholdOperator, value: ms };
  }
  if (metric === 'errors' || metric === 'dropped') {
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(valueText);
    if (percent === null) return fail(`"${valueText}" is not a percentage`, `Write it as '${metric}${operator}1%'.`);
    return { expression, metric, operator: operator as ThresholdOperator, value: Number(percent[1]) / 100 };
  }
  if (metric === 'rate') {
    const rate = /^\d+(\.\d+)?(\/(s|m|h))?$/.test(valueText) ? parseRate(valueText, '--threshold') : NaN;
    if (Number.isNaN(rate)) return fail(`"${valueText}" is not a rate`, `Write it as 'rate${operator}490/s'.`);
    return { expression, metric, operator: operator as ThresholdOperator, value: rate };
  }
  return fail(`unknown metric "${metric}"`, `Use one of ${METRIC_LIST}.`);
}
