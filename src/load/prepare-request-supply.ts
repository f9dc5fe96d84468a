import { createFireRequestFactory } from './create-fire-request-factory.js';
import type { FireRequestFactoryOptions } from './create-fire-request-factory.js';
import type { NormalizedFireOptions } from './normalize-fire-options.js';
import type { MakeRequest } from './run-load.js';
import { startRequestBuilder } from './start-request-builder.js';
import type { RequestBuilder } from './start-request-builder.js';

/** Events per builder message, and the most built ahead of their send (a few ms of sends at full speed). */
const BUILD_BATCH = 64;
const BUILD_AHEAD = 256;

/** How an engine gets its requests: built on its own thread, or taken from a builder thread. */
export type RequestSupply = { makeRequest: MakeRequest; builder?: undefined } | { makeRequest?: undefined; builder: RequestBuilder };

/**
 * Builds a few throwaway requests before the clock starts, so template compilation and JIT warm-up do
 * not make the first requests late. Events are pure functions of (seed, index): nothing is consumed.
 */
export function warmUp(makeRequest: MakeRequest, options: Pick<NormalizedFireOptions, 'mix'>): void {
  const now = new Date();
  for (let i = 0; i < 200 * options.mix.length; i++) makeRequest(i, now);
}

/**
 * At a set rate each request is built on the engine's thread the moment it is due, so its event time is
 * its send time. At full speed (`rate: max`) a builder thread builds events a few milliseconds ahead and
 * the engine's thread only stamps and sends them: measured on 2 cores against a loopback receiver, this
 * is what gets the engine past half of autocannon's request rate.
 * @example const supply = await prepareRequestSupply(options, { index: 0, of: 1 })
 */
export async function prepareRequestSupply(options: NormalizedFireOptions, share: { index: number; of: number }): Promise<RequestSupply> {
  const factory: FireRequestFactoryOptions = { url: options.url, mix: options.mix, seed: options.seed, secret: options.secret, templatesDir: options.templatesDir };
  if (Number.isFinite(options.rate)) {
    const makeRequest = createFireRequestFactory(factory);
    warmUp(makeRequest, options);
    return { makeRequest };
  }
  const builder = startRequestBuilder(factory, { first: share.index, step: share.of, count: options.count, batchSize: BUILD_BATCH, ahead: BUILD_AHEAD });
  try {
    await builder.ready;
  } catch (error) {
    await builder.close();
    throw error;
  }
  return { builder };
}
