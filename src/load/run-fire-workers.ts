import { Worker } from 'node:worker_threads';
import { SystemeMockError, UsageError } from '../errors.js';
import type { FireWorkerInit, FromWorker, ToWorker } from './fire-worker-protocol.js';
import { mergeLoadStats } from './load-stats.js';
import type { EncodedLoadStats, LoadStats } from './load-stats.js';
import type { NormalizedFireOptions } from './normalize-fire-options.js';

export interface WorkersProgress {
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  /** The highest p99 any worker reports: an upper bound, good enough for a progress line. */
  p99Us: number;
}

export interface WorkerRunHooks {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: WorkersProgress) => void) | undefined;
}

function createWorker(init: FireWorkerInit): Worker {
  const here = import.meta.url;
  // A worker inherits the parent's flags; `--input-type` (from `node --input-type=module -e`) is refused there.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  if (here.endsWith('.ts')) {
    // From source (bench under tsx, tests under vitest) the worker is TypeScript: register tsx's loader
    // inside the worker first, since a worker does not inherit the parent's loader hooks.
    const entry = new URL('./fire-worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { eval: true, workerData: init, execArgv });
  }
  return new Worker(new URL('./fire-worker.js', here), { workerData: init, execArgv });
}

/**
 * Runs the schedule on N worker threads: worker k takes requests i ≡ k (mod N), so the union is exactly
 * the single-process schedule and the seed streams stay disjoint; stats merge exactly (counts add,
 * histograms add). All workers start at one shared instant once every one is ready.
 * @example const { stats } = await runFireWorkers(normalized, { signal })
 */
export async function runFireWorkers(
  options: NormalizedFireOptions,
  hooks: WorkerRunHooks = {},
): Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date; logFailure?: string | undefined }> {
  const n = options.workers;
  let logFailure: string | undefined;
  const workers: Worker[] = [];
  const progress: WorkersProgress[] = [];
  const results: EncodedLoadStats[] = [];
  let interrupted = false;
  let ready = 0;
  let startedAt = new Date();
  const stopAll = (): void => {
    for (const worker of workers) worker.postMessage({ type: 'stop' } satisfies ToWorker);
  };
  hooks.signal?.addEventListener('abort', stopAll, { once: true });
  try {
    await Promise.all(
      Array.from({ length: n }, (_, index) => {
        // Split the in-flight cap as evenly as it goes; the shares add up to exactly --concurrency.
        const concurrency = Math.floor(options.concurrency / n) + (index < options.concurrency % n ? 1 : 0);
        const init: FireWorkerInit = { kind: 'systeme-mock-fire', options, index, of: n, concurrency };
        const worker = createWorker(init);
        workers.push(worker);
        progress.push({ sent: 0, ok: 0, failed: 0, dropped: 0, p99Us: 0 });
        return new Promise<void>((resolve, reject) => {
          let settled = false;
          worker.on('message', (message: FromWorker) => {
            switch (message.type) {
              case 'ready':
                if (++ready === n) {
                  startedAt = new Date(Date.now() + 20);
                  const startNs = process.hrtime.bigint() + 20_000_000n;
                  for (const w of workers) w.postMessage({ type: 'start', startNs } satisfies ToWorker);
                }
                break;
              case 'progress':
                progress[index] = message;
                hooks.onProgress?.(sumProgress(progress));
                break;
              case 'done':
                settled = true;
                results[index] = message.stats;
                interrupted ||= message.interrupted;
                if (message.logFailure !== undefined && logFailure === undefined) {
                  // One worker's log failed: the others stop too, so the run ends as one.
                  logFailure = message.logFailure;
                  stopAll();
                }
                resolve();
                break;
              case 'failed':
                settled = true;
                stopAll();
                reject(
                  message.usage
                    ? new UsageError(message.message, message.code)
                    : new SystemeMockError(message.message, { code: message.code }),
                );
                break;
            }
          });
          worker.on('error', (error) => {
            settled = true;
            stopAll();
            reject(
              new SystemeMockError(
                `Failed to run load worker ${index}: ${error.message}. Run with --workers 1 to see the error in-process.`,
                { code: 'WORKER', cause: error },
              ),
            );
          });
          worker.on('exit', (code) => {
            if (!settled)
              reject(
                new SystemeMockError(
                  `Failed to run load worker ${index}: it exited with code ${code} before reporting. Run with --workers 1.`,
                  { code: 'WORKER' },
                ),
              );
          });
        });
      }),
    );
  } finally {
    hooks.signal?.removeEventListener('abort', stopAll);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { stats: mergeLoadStats(results), interrupted, startedAt, logFailure };
}

function sumProgress(parts: readonly WorkersProgress[]): WorkersProgress {
  const total: WorkersProgress = { sent: 0, ok: 0, failed: 0, dropped: 0, p99Us: 0 };
  for (const p of parts) {
    total.sent += p.sent;
    total.ok += p.ok;
    total.failed += p.failed;
    total.dropped += p.dropped;
    total.p99Us = Math.max(total.p99Us, p.p99Us);
  }
  return total;
}
