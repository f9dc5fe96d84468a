import type { NormalizedFireOptions } from './normalize-fire-options.js';
import type { MakeRequest } from './run-load.js';

/**
 * Builds a few throwaway requests before the clock starts, so template compilation and JIT warm-up do
 * not make the first requests late. Events are pure functions of (seed, index): nothing is consumed.
 * @example warmUp(makeRequest, { mix: [{ trigger: 'SALE_NEW', weight: 1 }] })
 */
export function warmUp(makeRequest: MakeRequest, options: Pick<NormalizedFireOptions, 'mix'>): void {
  const now = new Date();
  for (let i = 0; i < 200 * options.mix.length; i++) makeRequest(i, now);
}
