/**
 * A small, fast, seedable random source. Every entity of the world draws from its own stream, keyed by
 * a string (`seed|index|entity`), so values do not depend on which other entities were drawn first:
 * event #500 regenerated alone equals event #500 of a full run, and a template that references fewer
 * entities does not shift the values of the others.
 */

/** Hashes a string to four 32-bit words (cyrb128), the state of an sfc32 generator. */
function hashKey(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(key: string) {
    [this.a, this.b, this.c, this.d] = hashKey(key);
    // Warm up so that similar keys do not give similar first draws.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1) (sfc32). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Failed to pick from an empty list.');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight from a table made once with {@link weightTable}. */
  weighted<T>(table: WeightTable<T>): T {
    const roll = this.next() * table.total;
    const { cumulative, values } = table;
    for (let i = 0; i < cumulative.length; i++) if (roll < cumulative[i]!) return values[i]!;
    return values[values.length - 1]!;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** Replaces `#` with a digit and `?` with an upper-case letter, as postcode and phone patterns use. */
  pattern(template: string): string {
    let out = '';
    for (let i = 0; i < template.length; i++) {
      const code = template.charCodeAt(i);
      if (code === 0x23) out += String.fromCharCode(48 + Math.floor(this.next() * 10));
      else if (code === 0x3f) out += String.fromCharCode(65 + Math.floor(this.next() * 26));
      else out += template[i];
    }
    return out;
  }

  /** Lowercase hex digits. */
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }
}

/** Cumulative weights, computed once per table rather than on every pick. */
export interface WeightTable<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Builds a table for {@link Rng.weighted}: `[[value, weight], ...]`. */
export function weightTable<T>(entries: readonly (readonly [T, number])[]): WeightTable<T> {
  let total = 0;
  const cumulative = entries.map(([, weight]) => (total += weight));
  return { values: entries.map(([value]) => value), cumulative, total };
}

/** The key every entity stream hangs off: one string per seed, cheap to extend. */
export function streamKey(seed: string, ...parts: (string | number)[]): string {
  return seed + '|' + parts.join('|');
}

/** `streamKey(seed, index, entity)` without the rest-array and join: it runs several times per event. */
export function eventStreamKey(seed: string, index: number, entity: string): string {
  return seed + '|' + index + '|' + entity;
}
