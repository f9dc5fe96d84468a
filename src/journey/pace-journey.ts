import { UsageError } from '../errors.js';
import type { JourneyEvent } from './generate-journeys.js';

/**
 * Reads `--speed`: `3600x` plays an hour of a journey in a second, `1x` in real time.
 * @example parseSpeed('3600x') // 3600
 */
export function parseSpeed(text: string): number {
  const match = /^(\d+(?:\.\d+)?)x$/i.exec(text.trim());
  const speed = match === null ? NaN : Number(match[1]);
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new UsageError(
      `Failed to read --speed "${text}": expected a factor like 1x, 60x or 3600x (3600x plays an hour in a second). Or pass --no-wait.`,
      'BAD_SPEED',
    );
  }
  return speed;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Yields journey events when their event time comes on the wall clock (plan the journeys from now, with
 * `speed`, so their dates are when they are sent); `wait: false` yields them at once, in order. A stop
 * signal ends the waiting.
 * @example for await (const item of paceJourneyEvents(generateJourneys('refund', { count: 3, now: new Date(), speed: 86_400 }), { wait: true })) send(item)
 */
export async function* paceJourneyEvents(
  events: Iterable<JourneyEvent>,
  options: { wait: boolean; signal?: AbortSignal | undefined },
): AsyncGenerator<JourneyEvent> {
  for (const item of events) {
    if (options.signal?.aborted) return;
    if (options.wait) {
      await sleep(item.event.eventTime.getTime() - Date.now(), options.signal);
      if (options.signal?.aborted) return;
    }
    yield item;
  }
}
