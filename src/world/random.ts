/**
 * A small, fast, seedable random source. Every entity of the world draws from its own stream, keyed by
 * a string (`seed|index|entity`), so values do not depend on which other entities were drawn first:
 * event #500 regenerated alone equals event #500 of a full run, and a template that references fewer
 * entities does not shift the values of the others.
 */

// cyrb128, split in its two halves so that a key can be hashed in pieces: the running state absorbs one
// UTF-16 code unit at a time, and only the final mix depends on nothing but that state. A stream key's
// prefix (`seed|`) is therefore absorbed once and its state kept (see StreamPrefix): the streams of an
// event hash only their index's digits and their entity, and no key string is built. The state lives in
// a typed array and the loops in locals: a module `let` holding a 32-bit word is a boxed number, and
// every write to it allocated (measured: the world's part of a sale went from 3.85 to 3.6 us without).
const state = new Int32Array(4);
/** The same four words, unsigned: cyrb128's result once finished. */
const words = new Uint32Array(state.buffer);

function absorbText(text: string): void {
  let h1 = state[0]!;
  let h2 = state[1]!;
  let h3 = state[2]!;
  let h4 = state[3]!;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  state[0] = h1;
  state[1] = h2;
  state[2] = h3;
  state[3] = h4;
}

// The digits of a number, least significant first (a safe integer has at most 16).
const digits = new Uint8Array(24);

/** Absorbs `String(n)`: a whole number's decimal digits without making the string. */
function absorbNumber(n: number): void {
  if (!(n >= 0 && Number.isSafeInteger(n))) {
    absorbText(String(n));
    return;
  }
  let count = 0;
  do {
    const digit = n % 10;
    digits[count++] = digit;
    n = (n - digit) / 10; // exact: n - digit is a multiple of 10 below 2^53
  } while (n > 0);
  let h1 = state[0]!;
  let h2 = state[1]!;
  let h3 = state[2]!;
  let h4 = state[3]!;
  while (count > 0) {
    const k = 48 + digits[--count]!;
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  state[0] = h1;
  state[1] = h2;
  state[2] = h3;
  state[3] = h4;
}

function startHash(): void {
  state[0] = 1779033703;
  state[1] = 3144134277;
  state[2] = 1013904242;
  state[3] = 2773480762;
}

/** cyrb128's final mix of the running state: the four words of an sfc32 generator, left in `words`. */
function finishHash(): void {
  const h1 = state[0]!;
  const h2 = state[1]!;
  const h3 = state[2]!;
  const h4 = state[3]!;
  let a = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  let b = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  let c = Math.imul(a ^ (h3 >>> 17), 951274213);
  let d = Math.imul(b ^ (h4 >>> 19), 2716044179);
  a ^= b ^ c ^ d;
  b ^= a;
  c ^= a;
  d ^= a;
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
}

/** The four words cyrb128 gives a key, as an sfc32 state (for tests: the streams' equality with their keys). */
export function hashKey(key: string): [number, number, number, number] {
  startHash();
  absorbText(key);
  finishHash();
  return [words[0]!, words[1]!, words[2]!, words[3]!];
}

const HEX_CODES = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * The stream of a key (`new Rng('7|12|sale')`), or of the four words its key hashed to (what
   * {@link StreamPrefix} passes: the same stream without building the key).
   */
  constructor(key: string);
  constructor(a: number, b: number, c: number, d: number);
  constructor(key: string | number, b = 0, c = 0, d = 0) {
    if (typeof key === 'string') {
      startHash();
      absorbText(key);
      finishHash();
      this.a = words[0]!;
      this.b = words[1]!;
      this.c = words[2]!;
      this.d = words[3]!;
    } else {
      this.a = key;
      this.b = b;
      this.c = c;
      this.d = d;
    }
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
    // Eight digits (source URLs' page ids) made in one string, not eight growing ones; the same draws.
    if (length === 8) {
      return String.fromCharCode(
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
        HEX_CODES[this.int(0, 15)]!,
      );
    }
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

/**
 * A stream key's beginning, hashed once (`seed|`, `seed|contact|`): the streams under it hash only what
 * follows. `prefix.rng('sale')` is `new Rng(text + 'sale')` and `prefix.rngOfNumber(12)` is
 * `new Rng(text + '12')`, the same four words (test/world/random.test.ts holds them equal), without
 * building the key or allocating anything but the Rng.
 */
export class StreamPrefix {
  private constructor(
    private readonly s1: number,
    private readonly s2: number,
    private readonly s3: number,
    private readonly s4: number,
  ) {}

  /** The prefix `text`. */
  static of(text: string): StreamPrefix {
    startHash();
    absorbText(text);
    return new StreamPrefix(state[0]!, state[1]!, state[2]!, state[3]!);
  }

  /** This prefix followed by `String(n)` and `separator`: an event's `seed|12|`. */
  extendNumber(n: number, separator = '|'): StreamPrefix {
    this.resume();
    absorbNumber(n);
    absorbText(separator);
    return new StreamPrefix(state[0]!, state[1]!, state[2]!, state[3]!);
  }

  /** The stream of the key `prefix + suffix`. */
  rng(suffix: string): Rng {
    this.resume();
    absorbText(suffix);
    finishHash();
    return new Rng(words[0]!, words[1]!, words[2]!, words[3]!);
  }

  /** The stream of the key `prefix + String(n)`. */
  rngOfNumber(n: number): Rng {
    this.resume();
    absorbNumber(n);
    finishHash();
    return new Rng(words[0]!, words[1]!, words[2]!, words[3]!);
  }

  /** The stream of the key `prefix + String(n) + '|' + entity`: eventStreamKey's, for a seed's prefix. */
  rngOfEvent(n: number, entity: string): Rng {
    this.resume();
    absorbNumber(n);
    absorbText('|');
    absorbText(entity);
    finishHash();
    return new Rng(words[0]!, words[1]!, words[2]!, words[3]!);
  }

  private resume(): void {
    state[0] = this.s1;
    state[1] = this.s2;
    state[2] = this.s3;
    state[3] = this.s4;
  }
}

// Prefixes of the seeds in use: a run has one seed, tests a handful; bounded all the same.
const seedPrefixes = new Map<string, StreamPrefix>();
let lastSeed: string | undefined;
let lastPrefix: StreamPrefix | undefined;

/** The prefix `seed|` every stream of a seed starts with, hashed once per seed. */
export function seedPrefix(seed: string): StreamPrefix {
  if (seed === lastSeed) return lastPrefix!;
  let prefix = seedPrefixes.get(seed);
  if (prefix === undefined) {
    if (seedPrefixes.size >= 64) seedPrefixes.clear();
    prefix = StreamPrefix.of(seed + '|');
    seedPrefixes.set(seed, prefix);
  }
  lastSeed = seed;
  lastPrefix = prefix;
  return prefix;
}

/** `new Rng(eventStreamKey(seed, index, entity))`, without building the key. */
export function eventRng(seed: string, index: number, entity: string): Rng {
  return seedPrefix(seed).rngOfEvent(index, entity);
}
