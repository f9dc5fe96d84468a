import { accessSync, constants, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getTrigger } from '../catalog/catalog.js';
import { createDeliveryLog } from '../wire/delivery-log.js';
import { SystemeMockError, UsageError } from '../errors.js';
import { buildFireReport } from './build-fire-report.js';
import { chooseLoadTransport, chooseLoadTransportName } from './choose-load-transport.js';
import { createSchedule } from './create-schedule.js';
import type { FireReport } from './build-fire-report.js';
import { createFireRequestFactory } from './create-fire-request-factory.js';
import { formatProgressLine } from './format-fire-summary.js';
import { normalizeFireOptions } from './normalize-fire-options.js';
import type { FireOptions, NormalizedFireOptions } from './normalize-fire-options.js';
import { createJourneyLoad, type JourneyLoad } from './create-journey-load.js';
import { listJourneyTriggers } from '../journey/causal-rules.js';
import { loadJourney } from '../journey/load-journey.js';
import { runFireWorkers } from './run-fire-workers.js';
import { startLoad } from './run-load.js';
import type { LoadStats } from './load-stats.js';
import type { MakeRequest } from './run-load.js';
import { warmUp } from './warm-up.js';

export interface FireHooks {
  /** Aborting it is Ctrl-C: stop scheduling, let in-flight requests finish for `grace`, then abort them. */
  signal?: AbortSignal | undefined;
  /**
   * Aborting it is a second Ctrl-C: requests in flight are aborted now instead of after `grace` (each
   * still counted and logged). With workers, they end after `grace` at most.
   */
  abortSignal?: AbortSignal | undefined;
  /** Called about 4 times a second with a one-line progress summary: elapsed/total, ETA, counts. */
  onProgress?: ((line: string) => void) | undefined;
  /** Replaces the generator-backed request factory (single process only). */
  makeRequest?: MakeRequest | undefined;
}

/**
 * How a run ended, most serious first: the log failed (a full disk; the run stopped early), the run
 * was interrupted, not one request succeeded, a threshold failed, or it passed.
 */
export type FireVerdict = 'log-failed' | 'interrupted' | 'no-success' | 'thresholds-failed' | 'passed';

export interface FireOutcome {
  report: FireReport;
  verdict: FireVerdict;
  /** Why the log stopped, when the verdict is `log-failed`. */
  logFailure?: SystemeMockError | undefined;
}

function checkWritable(file: string, option: string): void {
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw new SystemeMockError(
      `Failed to prepare ${option} ${file}: its folder is missing or not writable. Pass a path in a writable folder.`,
      {
        code: 'BAD_OUTPUT',
        cause: error,
      },
    );
  }
}

const PROGRESS_EVERY_MS = 250;

/**
 * Fires generated, signed events at a receiver on an open-loop schedule and reports honestly: latency
 * from the intended and the actual send, status and error counts, a per-second timeline, thresholds.
 * Writes `--report` and `--log` even when interrupted. Refuses a webhooks-dialect trigger without a
 * secret unless `unsigned` is set, as `send` does.
 * @example const { report, verdict } = await fireLoad({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1:3000/', rate: '500/s', duration: '30s' })
 */
export async function fireLoad(options: FireOptions | NormalizedFireOptions, hooks: FireHooks = {}): Promise<FireOutcome> {
  const normalized = 'lateAfterMs' in options ? options : normalizeFireOptions(options);
  if (normalized.reportFile !== undefined) checkWritable(normalized.reportFile, '--report');
  if (normalized.logFile !== undefined) checkWritable(normalized.logFile, '--log');
  if (hooks.makeRequest !== undefined && normalized.workers > 1) {
    throw new UsageError('Failed to fire: a custom makeRequest cannot cross into worker threads. Use workers: 1 with it.', 'BAD_OPTION');
  }
  // A bad SYSTEME_MOCK_TRANSPORT fails here, before any request or worker, as do unknown triggers.
  chooseLoadTransportName(normalized.url);
  // A journey names its own triggers; loading it here fails a bad journey file before any request.
  const triggers =
    normalized.journey === undefined
      ? normalized.mix.map((entry) => entry.trigger)
      : listJourneyTriggers(loadJourney(normalized.journey, { templatesDir: normalized.templatesDir }).steps, normalized.raises).map(
          (trigger) => trigger.id,
        );
  if (hooks.makeRequest === undefined) {
    for (const trigger of triggers) {
      const definition = getTrigger(trigger, { templatesDir: normalized.templatesDir });
      if (definition.dialect === 'webhooks' && normalized.secret === undefined && !normalized.unsigned) {
        // The same refusal as `send`: an unsigned webhook is one a correct receiver rejects.
        throw new UsageError(
          `Failed to sign ${definition.id} for ${normalized.url}: no secret. Pass --secret-file FILE or set SYSTEME_MOCK_SECRET (or pass --unsigned to send it without x-webhook-signature).`,
          'NO_SECRET',
        );
      }
    }
  }

  const journeys =
    normalized.journey === undefined
      ? undefined
      : createJourneyLoad({
          ...normalized,
          journey: normalized.journey,
          url: normalized.url,
          seed: normalized.seed,
          secret: normalized.secret,
        });
  // A log that cannot be written (a full disk) stops the run as Ctrl-C does; the report says so.
  let logFailure: SystemeMockError | undefined;
  const logStop = new AbortController();
  const onLogError = (error: SystemeMockError): void => {
    logFailure ??= error;
    logStop.abort();
  };
  const signal = hooks.signal === undefined ? logStop.signal : AbortSignal.any([hooks.signal, logStop.signal]);
  const runHooks = { ...hooks, signal };
  const result =
    normalized.workers > 1 ? await fireOnWorkers(normalized, runHooks) : await fireInProcess(normalized, runHooks, onLogError, journeys);
  if (result.logFailure !== undefined) onLogError(new SystemeMockError(result.logFailure, { code: 'LOG_WRITE' }));
  const report = buildFireReport(result.stats, normalized, { ...result, interrupted: result.interrupted || logFailure !== undefined });
  if (journeys !== undefined) report.journeys = journeys.counts();
  if (normalized.reportFile !== undefined) {
    try {
      writeFileSync(normalized.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SystemeMockError(`Failed to write the report ${normalized.reportFile}: ${reason}. Pass a writable path to --report.`, {
        code: 'REPORT_WRITE',
        cause: error,
      });
    }
  }
  const verdict: FireVerdict =
    logFailure !== undefined
      ? 'log-failed'
      : result.interrupted
        ? 'interrupted'
        : report.counts.scheduled > 0 && report.counts.ok === 0
          ? 'no-success'
          : report.thresholds.some((t) => !t.passed)
            ? 'thresholds-failed'
            : 'passed';
  return { report, verdict, logFailure };
}

/**
 * The planned length of a run in seconds, for the progress line's total and ETA: the duration, or
 * when the last of `count` requests is due; null when it depends on the receiver (count at rate max).
 * @example plannedSeconds({ rate: 500, rampMs: 0, durationMs: Infinity, count: 1000 }) // 2
 */
export function plannedSeconds(options: Pick<NormalizedFireOptions, 'rate' | 'rampMs' | 'durationMs' | 'count'>): number | null {
  if (Number.isFinite(options.durationMs)) return options.durationMs / 1000;
  if (!Number.isFinite(options.rate)) return null;
  return (createSchedule(options.rate, options.rampMs).dueAt(options.count - 1) + 1000 / options.rate) / 1000;
}

async function fireInProcess(
  options: NormalizedFireOptions,
  hooks: FireHooks,
  onLogError: (error: SystemeMockError) => void,
  journeys?: JourneyLoad | undefined,
): Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date; logFailure?: string | undefined }> {
  const makeRequest =
    hooks.makeRequest ??
    journeys?.makeRequest ??
    createFireRequestFactory({
      url: options.url,
      mix: options.mix,
      seed: options.seed,
      secret: options.secret,
      templatesDir: options.templatesDir,
    });
  // Journeys are taken in order and cannot be built twice; their first plans warm the generator instead.
  if (hooks.makeRequest === undefined && journeys === undefined) warmUp(makeRequest, options);
  const fileLog = options.logFile === undefined ? undefined : createDeliveryLog(options.logFile, { onError: onLogError });
  const log = journeys === undefined ? fileLog : journeys.track(fileLog);
  const total = plannedSeconds(options);
  try {
    const transport = chooseLoadTransport(new URL(options.url).origin, options.concurrency);
    const run = startLoad(
      { ...options, schedule: journeys?.schedule },
      { makeRequest, signal: hooks.signal, abortSignal: hooks.abortSignal, log, transport },
    );
    const began = performance.now();
    const ticker =
      hooks.onProgress === undefined
        ? undefined
        : setInterval(() => {
            const s = run.stats;
            const p99 = s.latency.totalCount === 0 ? 0 : s.latency.getValueAtPercentile(99) / 1000;
            hooks.onProgress?.(
              formatProgressLine(s, (performance.now() - began) / 1000, p99, { totalSeconds: total, count: options.count }),
            );
          }, PROGRESS_EVERY_MS);
    const result = await run.done;
    if (ticker !== undefined) clearInterval(ticker);
    return result;
  } finally {
    log?.close();
  }
}

async function fireOnWorkers(
  options: NormalizedFireOptions,
  hooks: FireHooks,
): Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date; logFailure?: string | undefined }> {
  const began = performance.now();
  const total = plannedSeconds(options);
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
            hooks.onProgress?.(formatProgressLine(p, (now - began) / 1000, p.p99Us / 1000, { totalSeconds: total, count: options.count }));
          },
  });
}
