import type { MixEntry } from './parse-load-values.js';

/** FNV-1a over the seed's text: a seed of any form becomes 32 bits. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finalizer: spreads (seed, index) into a uniform 32-bit value. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Picks the trigger of request i from (seed, i) alone, so proportions are reproducible at a fixed seed
 * and any worker can pick for any index without coordination.
 * @example createTriggerPicker([{trigger:'SALE_NEW',weight:80},{trigger:'SALE_CANCELED',weight:20}], '7')(0)
 */
export function createTriggerPicker(mix: readonly MixEntry[], seed: string): (index: number) => string {
  const first = mix[0];
  if (first === undefined) throw new Error('Failed to pick a trigger: the mix is empty.');
  if (mix.length === 1) return () => first.trigger;
  const total = mix.reduce((sum, e) => sum + e.weight, 0);
  const cumulative = mix.map((_, k) => mix.slice(0, k + 1).reduce((sum, e) => sum + e.weight, 0) / total);
  const triggers = mix.map((e) => e.trigger);
  const seedHash = hashSeed(seed);
  return (index) => {
    // Two rounds so that neighbouring indexes and seeds decorrelate; the index's high bits count too.
    const u = mix32(mix32(seedHash ^ index) + Math.floor(index / 0x100000000) + 0x9e3779b9) / 0x100000000;
    for (let k = 0; k < cumulative.length; k++) if (u < cumulative[k]!) return triggers[k]!;
    return triggers[triggers.length - 1]!;
  };
}
