import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createDeliveryLog } from '../wire/delivery-log.js';
import { SystemeMockError, UsageError } from '../errors.js';
import { createFireRequestFactory } from './create-fire-request-factory.js';
import type { FireWorkerInit, FromWorker, ToWorker } from './fire-worker-protocol.js';
import { encodeLoadStats } from './load-stats.js';
import { startLoad } from './run-load.js';
import { warmUp } from './warm-up.js';

/**
 * A worker's life: build its own generator (so every body is made in the thread that sends it), report
 * ready, start at the shared instant on its share (i ≡ index mod of) of the schedule, and post its exact
 * stats at the end.
 * @example new Worker(url, { workerData: init }) // runs runFireWorker(init) inside
 */
export async function runFireWorker(init: FireWorkerInit, port: NonNullable<typeof parentPort>): Promise<void> {
  const { options } = init;
  const controller = new AbortController();
  let startNs: bigint | undefined;
  let onStart: (() => void) | undefined;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') controller.abort();
    else {
      startNs = message.startNs;
      onStart?.();
    }
  });
  try {
    const makeRequest = createFireRequestFactory({
      url: options.url,
      mix: options.mix,
      seed: options.seed,
      secret: options.secret,
      templatesDir: options.templatesDir,
    });
    warmUp(makeRequest, options);
    // A log that cannot be written (a full disk) stops this worker as Ctrl-C does; the parent reports it.
    let logFailure: string | undefined;
    const log =
      options.logFile === undefined
        ? undefined
        : createDeliveryLog(options.logFile, {
            onError: (error) => {
              logFailure = error.message;
              controller.abort();
            },
          });
    port.postMessage({ type: 'ready' } satisfies FromWorker);
    if (startNs === undefined) await new Promise<void>((resolve) => (onStart = resolve));
    const run = startLoad(
      { ...options, concurrency: init.concurrency, share: { index: init.index, of: init.of }, startNs },
      { makeRequest, signal: controller.signal, log },
    );
    const ticker = setInterval(() => {
      const s = run.stats;
      const p99Us = s.latency.totalCount === 0 ? 0 : s.latency.getValueAtPercentile(99);
      port.postMessage({ type: 'progress', sent: s.sent, ok: s.ok, failed: s.failed, dropped: s.dropped, p99Us } satisfies FromWorker);
    }, 250);
    const result = await run.done;
    clearInterval(ticker);
    log?.close();
    port.postMessage({
      type: 'done',
      stats: encodeLoadStats(result.stats),
      interrupted: result.interrupted,
      logFailure,
    } satisfies FromWorker);
  } catch (error) {
    // Errors do not cross threads as objects: their code and kind do, so the CLI maps them as usual.
    const code = error instanceof SystemeMockError ? error.code : 'WORKER';
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ type: 'failed', message, code, usage: error instanceof UsageError } satisfies FromWorker);
  }
  port.close();
}

// This module is a worker's entry point: it only acts when loaded as one.
if (!isMainThread && parentPort !== null && (workerData as Partial<FireWorkerInit> | null)?.kind === 'systeme-mock-fire') {
  void runFireWorker(workerData as FireWorkerInit, parentPort);
}
