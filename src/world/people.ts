import {
  COUNTRIES,
  type Country,
  type CountryDraws,
  countryDraws,
  drawIpIn,
  drawPhoneIn,
  drawPostcodeIn,
  pickPlaceDraws,
  pickStreetAddress,
  toEmailWord,
} from './countries.js';
import type { PlaceFacts } from './data/places.js';
import { Rng, StreamPrefix, streamKey } from './random.js';

/**
 * The people of the world: person k of a seed is the same in every payload (name, e-mail, phone,
 * address, IP), because everything about them comes from k alone.
 *
 * E-mails are unique across the pool by construction, without a long counter: k is permuted (a bijection
 * on 20 bits), the result picks the country (by weight) and then, in mixed radix, the first name, the
 * surname and a rank among the people of that country who share both. The rank (with the country, so
 * that a French and a Belgian Marie Dubois differ too) picks the rank-th distinct spelling from a
 * sequence of spellings people use (`marie.dubois`, `mariedubois87`, `marie.l.dubois`, `marie_dubois1987`,
 * ...), drawn by weight for that name. Two people therefore never share a spelling.
 */
export interface Person {
  readonly k: number;
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: Country;
  readonly place: PlaceFacts;
  readonly postcode: string;
  readonly streetAddress: string;
  readonly phone: string;
  readonly ip: string;
  readonly rng: Rng;
}

const BITS = 20;
const SLOTS = 1 << BITS;
const MASK = SLOTS - 1;

/** The largest pool for which e-mails stay unique. */
export const MAX_PEOPLE = SLOTS;

function hash32(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A bijection on [0, 2^20): xor, odd multiplications and xor-shifts, each invertible. */
function permute(x: number, key: number): number {
  x = (x ^ key) & MASK;
  x = Math.imul(x, 0x2c1b3) & MASK;
  x ^= x >>> 11;
  x = Math.imul(x, 0x5bd1f) & MASK;
  x ^= x >>> 9;
  return (x + (key >>> 12)) & MASK;
}

let slotEnds: number[] | undefined;

function slotEndsOf(): number[] {
  if (slotEnds === undefined) {
    const total = COUNTRIES.reduce((sum, country) => sum + country.weight, 0);
    let acc = 0;
    slotEnds = COUNTRIES.map((country) => Math.round(((acc += country.weight) / total) * SLOTS));
  }
  return slotEnds;
}

/** The index in COUNTRIES of the country a slot belongs to (its slots run from the previous end to its own). */
function countryOfSlot(slot: number): number {
  const ends = slotEndsOf();
  for (let i = 0; i < ends.length; i++) if (slot < ends[i]!) return i;
  return ends.length - 1;
}

// Spellings: a style (how first and last name are joined) and a suffix (none, a birth year, a number).
// Codes are distinct per spelling and render to distinct strings: two-digit years are 60-99 and 00-06,
// short numbers 1-59, three-digit numbers 100-999, four-digit years 1960-2006.
const STYLE_DOT = 0;
const STYLE_CONCAT = 1;
const STYLE_UNDERSCORE = 2;
const STYLE_HYPHEN = 3;
const STYLE_MIDDLE = 4; // + a letter: marie.l.dubois
const SUFFIXES = 2000;

function drawSpelling(rng: Rng): number {
  const s = rng.next() * 100;
  const style =
    s < 38 ? STYLE_DOT : s < 63 ? STYLE_CONCAT : s < 76 ? STYLE_UNDERSCORE : s < 82 ? STYLE_HYPHEN : STYLE_MIDDLE + rng.int(0, 25);
  const u = rng.next() * 100;
  const year = rng.int(1960, 2006);
  const suffix =
    u < 55 ? 0 : u < 70 ? 1 + (year % 100) : u < 80 ? 200 + (year - 1960) : u < 94 ? 300 + rng.int(1, 59) : 400 + rng.int(100, 999);
  return style * SUFFIXES + suffix;
}

function renderSpelling(first: string, last: string, code: number): string {
  const style = Math.floor(code / SUFFIXES);
  const suffix = code % SUFFIXES;
  const base =
    style === STYLE_DOT
      ? `${first}.${last}`
      : style === STYLE_CONCAT
        ? first + last
        : style === STYLE_UNDERSCORE
          ? `${first}_${last}`
          : style === STYLE_HYPHEN
            ? `${first}-${last}`
            : `${first}.${String.fromCharCode(97 + style - STYLE_MIDDLE)}.${last}`;
  if (suffix === 0) return base;
  if (suffix < 200) return base + String(suffix - 1).padStart(2, '0');
  if (suffix < 300) return base + String(1960 + suffix - 200);
  if (suffix < 400) return base + String(suffix - 300);
  return base + String(suffix - 400);
}

const SEQUENCES = 64;

/**
 * Sequences of distinct spellings, each drawn by weight without replacement: a name takes one sequence
 * (by its hash) and its g-th entry, so the g-th spelling of a name is distinct from its others and common
 * spellings come first. Built once per seed (~2 ms), long enough for the largest g of any country.
 */
function buildSequences(seed: string, length: number): Uint16Array[] {
  const sequences: Uint16Array[] = [];
  for (let s = 0; s < SEQUENCES; s++) {
    const rng = new Rng(streamKey(seed, 'spellings', s));
    const seen = new Set<number>();
    const sequence = new Uint16Array(length);
    for (let i = 0; i < length; ) {
      const code = drawSpelling(rng);
      if (seen.has(code)) continue;
      seen.add(code);
      sequence[i++] = code;
    }
    sequences.push(sequence);
  }
  return sequences;
}

/** The highest spelling index any person can need: rank * countries + country index. */
function longestSequence(): number {
  let longest = 0;
  let start = 0;
  const ends = slotEndsOf();
  for (const [index, country] of COUNTRIES.entries()) {
    const end = ends[index]!;
    const ranks = Math.ceil((end - start) / (country.firstNames().length * country.lastNames().length));
    longest = Math.max(longest, ranks * COUNTRIES.length);
    start = end;
  }
  return longest;
}

interface SeedState {
  readonly key: number;
  readonly sequences: Uint16Array[];
  /** `seed|contact|`: person k's stream is this prefix and k. */
  readonly contacts: StreamPrefix;
}

const seeds = new Map<string, SeedState>();
let sequenceLength: number | undefined;
let lastSeed: string | undefined;
let lastState: SeedState | undefined;

function seedState(seed: string): SeedState {
  if (seed === lastSeed) return lastState!;
  let state = seeds.get(seed);
  if (state === undefined) {
    if (seeds.size > 16) seeds.clear();
    sequenceLength ??= longestSequence();
    state = {
      key: hash32(seed),
      sequences: buildSequences(seed, sequenceLength),
      contacts: StreamPrefix.of(streamKey(seed, 'contact', '')),
    };
    seeds.set(seed, state);
  }
  lastSeed = seed;
  lastState = state;
  return state;
}

/**
 * What a person of a country is drawn from, prepared once per country: its slots, names and their
 * e-mail forms (normalize() is slow), places and patterns.
 */
interface CountryPeople {
  readonly country: Country;
  readonly start: number;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  /** The names' e-mail forms, and their hashes in one typed array (one read, no object per name). */
  readonly firstWords: readonly string[];
  readonly firstHashes: Uint32Array;
  readonly lastWords: readonly string[];
  readonly lastHashes: Uint32Array;
  readonly draws: CountryDraws;
}

const countryPeople: (CountryPeople | undefined)[] = [];

function hashesOf(words: readonly string[]): Uint32Array {
  return Uint32Array.from(words, hash32);
}

function peopleOf(index: number): CountryPeople {
  let prepared = countryPeople[index];
  if (prepared === undefined) {
    const country = COUNTRIES[index]!;
    const firstNames = country.firstNames();
    const lastNames = country.lastNames();
    const firstWords = firstNames.map(toEmailWord);
    const lastWords = lastNames.map(toEmailWord);
    prepared = {
      country,
      start: index === 0 ? 0 : slotEndsOf()[index - 1]!,
      firstNames,
      lastNames,
      firstWords,
      firstHashes: hashesOf(firstWords),
      lastWords,
      lastHashes: hashesOf(lastWords),
      draws: countryDraws(country),
    };
    countryPeople[index] = prepared;
  }
  return prepared;
}

/** Who person k is: enough to name them (a referrer), without drawing their address. */
export interface Identity {
  readonly k: number;
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: Country;
  readonly rng: Rng;
}

/** Person k's id, name and e-mail: the same as {@link person}'s, for a fraction of the work. */
export function identify(seed: string, k: number): Identity {
  return identifyWithDraws(seed, k);
}

/** identify(), with what the person's address is drawn from (their country's prepared draws). */
function identifyWithDraws(seed: string, k: number): Identity & { readonly draws: CountryDraws } {
  const state = seedState(seed);
  const slot = permute(k, state.key);
  const index = countryOfSlot(slot);
  const { country, firstNames, lastNames, firstWords, firstHashes, lastWords, lastHashes, start, draws } = peopleOf(index);
  const j = slot - start;
  const firstIndex = j % firstNames.length;
  const t = Math.floor(j / firstNames.length);
  const lastIndex = t % lastNames.length;
  const rank = Math.floor(t / lastNames.length);
  // The sequence depends on the spelled names only, so equal names in two countries share it.
  const sequence = state.sequences[(Math.imul(firstHashes[firstIndex]! ^ 0x5bd1e995, 31) ^ lastHashes[lastIndex]!) >>> 26]!;
  const local = renderSpelling(firstWords[firstIndex]!, lastWords[lastIndex]!, sequence[rank * COUNTRIES.length + index]!);

  const rng = state.contacts.rngOfNumber(k);
  // Ids: unique per k (a stride of 16 with jitter), in the 2026 magnitude (CAP: 445573087).
  const id = 400_000_000 + k * 16 + rng.int(0, 15);
  const domain = rng.pick(country.emailDomains);
  return {
    k,
    id,
    email: `${local}@${domain}`,
    firstName: firstNames[firstIndex]!,
    lastName: lastNames[lastIndex]!,
    country,
    rng,
    draws,
  };
}

/** Person k of the world (0 <= k < MAX_PEOPLE): the same person, id, e-mail, phone and address in every event. */
export function person(seed: string, k: number): Person {
  const who = identifyWithDraws(seed, k);
  const { rng, country, draws } = who;
  const place = pickPlaceDraws(rng, draws);
  const postcode = drawPostcodeIn(rng, draws, place);
  const streetAddress = pickStreetAddress(rng, country);
  const phone = drawPhoneIn(rng, draws, place);
  const ip = drawIpIn(rng, draws);
  // Spelled out rather than spread: a spread here cost a third of the generation speed.
  return {
    k,
    id: who.id,
    email: who.email,
    firstName: who.firstName,
    lastName: who.lastName,
    country,
    place: place.place,
    postcode,
    streetAddress,
    phone,
    ip,
    rng,
  };
}
