import { accessSync, constants, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getTrigger } from '../catalog/catalog.js';
import { createDeliveryLog } from '../wire/delivery-log.js';
import { SystemeMockError } from '../errors.js';
import { buildFireReport } from './build-fire-report.js';
import { chooseLoadTransportName } from './choose-load-transport.js';
import type { FireReport } from './build-fire-report.js';
import { createFireRequestFactory } from './create-fire-request-factory.js';
import { formatProgressLine } from './format-fire-summary.js';
import { normalizeFireOptions } from './normalize-fire-options.js';
import type { FireOptions, NormalizedFireOptions } from './normalize-fire-options.js';
import { createJourneyLoad, type JourneyLoad } from './create-journey-load.js';
import { runFireWorkers } from './run-fire-workers.js';
import { startLoad } from './run-load.js';
import type { LoadStats } from './load-stats.js';
import type { MakeRequest } from './run-load.js';
import { warmUp } from './warm-up.js';

/** Exit codes of a finished run: thresholds failed as k6 does (99), Ctrl-C as a shell does (130). */
export const EXIT_THRESHOLDS_FAILED = 99;
export const EXIT_INTERRUPTED = 130;

export interface FireHooks {
  /** Aborting it is Ctrl-C: stop scheduling, let in-flight requests finish for `grace`, then abort them. */
  signal?: AbortSignal | undefined;
  /** Called about 4 times a second with a one-line progress summary. */
  onProgress?: ((line: string) => void) | undefined;
  /** Replaces the generator-backed request factory (single process only). */
  makeRequest?: MakeRequest | undefined;
}

export interface FireOutcome {
  report: FireReport;
  /** 0, 99 when a threshold failed, 130 when interrupted. */
  exitCode: number;
}

function checkWritable(file: string, option: string): void {
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw new SystemeMockError(`Failed to prepare ${option} ${file}: its folder is missing or not writable. Pass a path in a writable folder.`, {
      code: 'BAD_OUTPUT',
      exitCode: 2,
      cause: error,
    });
  }
}

const PROGRESS_EVERY_MS = 250;

/**
 * Fires generated, signed events at a receiver on an open-loop schedule and reports honestly: latency
 * from the intended and the actual send, status and error counts, a per-second timeline, thresholds.
 * Writes `--report` and `--log` even when interrupted.
 * @example const { report, exitCode } = await fireLoad({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1:3000/', rate: '500/s', duration: '30s' })
 */
export async function fireLoad(options: FireOptions | NormalizedFireOptions, hooks: FireHooks = {}): Promise<FireOutcome> {
  const normalized = 'lateAfterMs' in options ? options : normalizeFireOptions(options);
  if (normalized.reportFile !== undefined) checkWritable(normalized.reportFile, '--report');
  if (normalized.logFile !== undefined) checkWritable(normalized.logFile, '--log');
  if (hooks.makeRequest !== undefined && normalized.workers > 1) {
    throw new SystemeMockError('Failed to fire: a custom makeRequest cannot cross into worker threads. Use workers: 1 with it.', { code: 'BAD_OPTION', exitCode: 2 });
  }
  // A bad SYSTEME_MOCK_TRANSPORT fails here, before any request or worker, as do unknown triggers.
  chooseLoadTransportName(normalized.url);
  for (const { trigger } of normalized.mix) if (hooks.makeRequest === undefined) getTrigger(trigger, { templatesDir: normalized.templatesDir });

  const journeys =
    normalized.journey === undefined
      ? undefined
      : createJourneyLoad({ ...normalized, journey: normalized.journey, url: normalized.url, seed: normalized.seed, secret: normalized.secret });
  const result = normalized.workers > 1 ? await fireOnWorkers(normalized, hooks) : await fireInProcess(normalized, hooks, journeys);
  const report = buildFireReport(result.stats, normalized, result);
  if (journeys !== undefined) report.journeys = journeys.counts();
  if (normalized.reportFile !== undefined) {
    try {
      writeFileSync(normalized.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SystemeMockError(`Failed to write the report ${normalized.reportFile}: ${reason}. Pass a writable path to --report.`, { code: 'BAD_OUTPUT', cause: error });
    }
  }
  const exitCode = result.interrupted ? EXIT_INTERRUPTED : report.thresholds.some((t) => !t.passed) ? EXIT_THRESHOLDS_FAILED : 0;
  return { report, exitCode };
}

async function fireInProcess(
  options: NormalizedFireOptions,
  hooks: FireHooks,
  journeys: JourneyLoad | undefined,
): Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date }> {
  const makeRequest =
    hooks.makeRequest ??
    journeys?.makeRequest ??
    createFireRequestFactory({ url: options.url, mix: options.mix, seed: options.seed, secret: options.secret, templatesDir: options.templatesDir });
  // Journeys are taken in order and cannot be built twice; their first plans warm the generator instead.
  if (hooks.makeRequest === undefined && journeys === undefined) warmUp(makeRequest, options);
  const fileLog = options.logFile === undefined ? undefined : createDeliveryLog(options.logFile);
  const log = journeys === undefined ? fileLog : journeys.track(fileLog);
  try {
    const run = startLoad({ ...options, schedule: journeys?.schedule }, { makeRequest, signal: hooks.signal, log });
    const began = performance.now();
    const ticker =
      hooks.onProgress === undefined
        ? undefined
        : setInterval(() => {
            const s = run.stats;
            const p99 = s.latency.totalCount === 0 ? 0 : s.latency.getValueAtPercentile(99) / 1000;
            hooks.onProgress?.(formatProgressLine(s, (performance.now() - began) / 1000, p99));
          }, PROGRESS_EVERY_MS);
    const result = await run.done;
    if (ticker !== undefined) clearInterval(ticker);
    return result;
  } finally {
    log?.close();
  }
}

async function fireOnWorkers(options: NormalizedFireOptions, hooks: FireHooks): Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date }> {
  const began = performance.now();
  let last = 0;
  return runFireWorkers(options, {
    signal: hooks.signal,
    onProgress:
      hooks.onProgress === undefined
        ? undefined
        : (p) => {
            const now = performance.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            hooks.onProgress?.(formatProgressLine(p, (now - began) / 1000, p.p99Us / 1000));
          },
  });
}
