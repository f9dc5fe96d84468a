import { describe, expect, it } from 'vitest';
import { eventRng, eventStreamKey, hashKey, Rng, StreamPrefix, seedPrefix, streamKey } from '../../src/world/random.js';

/** The first `count` draws of a stream, as 32-bit words: equal draws mean equal generator states. */
function draws(rng: Rng, count = 6): number[] {
  return Array.from({ length: count }, () => rng.next() * 2 ** 32);
}

// Seeds as users pass them: digits, words, non-ASCII (Latin-1, CJK, a surrogate pair), the separator itself.
const SEEDS = ['1', '42', '0', 'shop', 'héllo-ø', '日本語', '😀x', 'a|b', '', 'seed-with-a-rather-long-name-0123456789'];
// Indexes at digit-count boundaries, past 2^32 and at the end of the safe integers; then the odd
// numbers a caller could pass, which take String(n)'s form (a sign, a fraction, an exponent).
const INDEXES = [0, 1, 9, 10, 99, 100, 12_345, 999_999, 1_000_000, 1_048_576, 2 ** 31, 2 ** 32 + 1, 1e15 + 7, 2 ** 53 - 1];
const ODD_NUMBERS = [-1, -0, 1.5, 2 ** 53, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY];
const ENTITIES = ['sale', 'contact-pick', 'sale-time', 'offer', 'tag', '', 'é', '😀', '|'];

describe('streams hashed in pieces equal the streams of their key strings', () => {
  it('keeps the draws of the keys the world used before (pinned from the string-keyed generator)', () => {
    expect(draws(new Rng('1|0|sale'), 3)).toEqual([1065569334, 1305708512, 433222021]);
    expect(draws(new Rng('héllo-ø|123456789|contact-pick'), 3)).toEqual([1548490071, 4200757892, 599610891]);
    expect(draws(eventRng('héllo-ø', 123456789, 'contact-pick'), 3)).toEqual([1548490071, 4200757892, 599610891]);
    expect(draws(StreamPrefix.of('😀x|contact|').rngOfNumber(1048575), 3)).toEqual([1427407989, 2756964560, 1012436818]);
  });

  it(`eventRng(seed, index, entity) is new Rng(eventStreamKey(...)) for ${SEEDS.length * (INDEXES.length + ODD_NUMBERS.length) * ENTITIES.length} keys`, () => {
    let compared = 0;
    for (const seed of SEEDS) {
      for (const index of [...INDEXES, ...ODD_NUMBERS]) {
        for (const entity of ENTITIES) {
          const key = eventStreamKey(seed, index, entity);
          expect(draws(eventRng(seed, index, entity)), key).toEqual(draws(new Rng(key)));
          expect(draws(seedPrefix(seed).extendNumber(index).rng(entity)), key).toEqual(draws(new Rng(key)));
          compared++;
        }
      }
    }
    expect(compared).toBe(SEEDS.length * (INDEXES.length + ODD_NUMBERS.length) * ENTITIES.length);
  });

  it('a prefix with a number is the key with that number, for every index from 0 to 20,000', () => {
    const prefix = StreamPrefix.of('7|contact|');
    for (let k = 0; k <= 20_000; k++) expect(draws(prefix.rngOfNumber(k), 2)).toEqual(draws(new Rng(streamKey('7', 'contact', k)), 2));
  });

  it('hashKey gives the four words the constructor starts from', () => {
    for (const key of ['', '1|0|sale', '日本語|5|😀']) {
      const [a, b, c, d] = hashKey(key);
      expect(draws(new Rng(a, b, c, d))).toEqual(draws(new Rng(key)));
    }
    // Unsigned 32-bit words, as cyrb128 returns them.
    for (const word of hashKey('1|0|sale')) expect(word >>> 0).toBe(word);
  });

  it('a seed prefix stays right when seeds alternate (its one-seed fast path and its cache)', () => {
    const seeds = ['1', '2', '1', 'héllo-ø', '2', '1'];
    for (const [i, seed] of seeds.entries()) expect(draws(eventRng(seed, i, 'sale'))).toEqual(draws(new Rng(`${seed}|${i}|sale`)));
    for (let s = 0; s < 200; s++) expect(draws(eventRng(`seed-${s}`, s, 'x'), 2)).toEqual(draws(new Rng(`seed-${s}|${s}|x`), 2));
  });
});

describe('Rng.hex', () => {
  it('writes the same digits, one per draw, whatever the length', () => {
    for (const length of [0, 1, 7, 8, 9, 32]) {
      const rng = new Rng(`hex|${length}`);
      const twin = new Rng(`hex|${length}`);
      const expected = Array.from({ length }, () => '0123456789abcdef'[twin.int(0, 15)]).join('');
      expect(rng.hex(length)).toBe(expected);
      expect(rng.next()).toBe(twin.next());
    }
    expect(new Rng('1|0|sale').hex(8)).toMatch(/^[0-9a-f]{8}$/);
  });
});
