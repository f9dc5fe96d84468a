import type { DeliveryLog } from '../delivery/delivery-log.js';
import type { LoadStats } from './load-stats.js';
import type { LoadEngineOptions, LoadRun } from './run-load.js';
import { startLoad } from './run-load.js';
import type { RequestSupply } from './prepare-request-supply.js';

/**
 * Runs one engine on a request supply and closes the supply at the end. A builder thread that fails
 * mid-run stops the run as Ctrl-C would (in-flight requests finish, the log is complete) and its error
 * is then thrown. `watch` starts whatever follows the run (a progress ticker) and returns its stop.
 * @example const result = await runWithSupply(options, supply, signal, log, () => () => {})
 */
export async function runWithSupply(
  options: LoadEngineOptions,
  supply: RequestSupply,
  signal: AbortSignal | undefined,
  log: DeliveryLog | undefined,
  watch: (run: LoadRun) => () => void,
): Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date }> {
  const { builder } = supply;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted === true) stop.abort();
  builder?.onFailure(() => stop.abort());
  try {
    const run = startLoad(options, { makeRequest: supply.makeRequest, source: builder, signal: stop.signal, log });
    const unwatch = watch(run);
    const result = await run.done;
    unwatch();
    const failure = builder?.failure() ?? null;
    if (failure !== null) throw failure;
    return result;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await builder?.close();
  }
}
