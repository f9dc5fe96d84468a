import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { FireReport } from '../load/index.js';

/** One period (or the aggregate) of `artillery run --output`: counters, rates and summaries by metric name. */
export interface ArtilleryPeriod {
  period: number | string;
  counters: Record<string, number>;
  rates?: Record<string, number>;
  summaries?: Record<string, Record<string, number>>;
  firstMetricAt?: number;
  lastMetricAt?: number;
}

/** What `artillery run --output FILE` writes: the whole run and one entry per reporting period. */
export interface ArtilleryOutput {
  aggregate: ArtilleryPeriod;
  intermediate: ArtilleryPeriod[];
}

export type ReportFile = { kind: 'fire'; file: string; report: FireReport } | { kind: 'artillery'; file: string; output: ArtilleryOutput };

const FIX = 'Pass files written by systeme-mock fire --report or artillery run --output.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first field a fire report needs that this value lacks, or null. */
function missingFireField(value: Record<string, unknown>): string | null {
  if (value['version'] !== 1) return 'version';
  for (const key of [
    'target',
    'startedAt',
    'options',
    'counts',
    'statusCounts',
    'errorCounts',
    'triggerCounts',
    'histograms',
    'timeline',
  ]) {
    if (value[key] === undefined) return key;
  }
  const histograms = value['histograms'] as Record<string, unknown>;
  for (const key of ['fromIntended', 'fromSend', 'scheduleLag']) if (typeof histograms[key] !== 'string') return `histograms.${key}`;
  if (Number.isNaN(Date.parse(String(value['startedAt'])))) return 'startedAt';
  if (!Array.isArray(value['timeline'])) return 'timeline';
  return null;
}

/**
 * Reads a `fire --report` file or an `artillery run --output` file and says which it is; anything else
 * is a one-line UsageError naming the file.
 * @example const input = readReportFile('a.json'); if (input.kind === 'fire') input.report.counts.sent;
 */
export function readReportFile(file: string): ReportFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`Failed to read report ${file}: ${reason}. ${FIX}`, 'BAD_INPUT', error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `Failed to read report ${file}: it is not JSON (${error instanceof Error ? error.message : String(error)}). ${FIX}`,
      'BAD_INPUT',
      error,
    );
  }
  if (isRecord(value) && isRecord(value['aggregate']) && Array.isArray(value['intermediate'])) {
    if (!isRecord(value['aggregate']['counters']))
      throw new UsageError(`Failed to read report ${file}: its aggregate has no counters. ${FIX}`, 'BAD_INPUT');
    return { kind: 'artillery', file, output: value as unknown as ArtilleryOutput };
  }
  if (isRecord(value) && value['version'] !== undefined) {
    const missing = missingFireField(value);
    if (missing !== null)
      throw new UsageError(
        `Failed to read report ${file}: it is not a complete fire report (${missing} is missing or malformed). ${FIX}`,
        'BAD_INPUT',
      );
    return { kind: 'fire', file, report: value as unknown as FireReport };
  }
  throw new UsageError(`Failed to read report ${file}: it is neither a fire report nor Artillery output. ${FIX}`, 'BAD_INPUT');
}
