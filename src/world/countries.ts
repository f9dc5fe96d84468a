import { faker as de } from '@faker-js/faker/locale/de';
import { faker as deAT } from '@faker-js/faker/locale/de_AT';
import { faker as deCH } from '@faker-js/faker/locale/de_CH';
import { faker as en } from '@faker-js/faker/locale/en';
import { faker as enGB } from '@faker-js/faker/locale/en_GB';
import { faker as enUS } from '@faker-js/faker/locale/en_US';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as frBE } from '@faker-js/faker/locale/fr_BE';
import { faker as frCH } from '@faker-js/faker/locale/fr_CH';
import { faker as it } from '@faker-js/faker/locale/it';
import { faker as nlBE } from '@faker-js/faker/locale/nl_BE';
import { faker as ptBR } from '@faker-js/faker/locale/pt_BR';
import { faker as ptPT } from '@faker-js/faker/locale/pt_PT';
import type { Faker } from '@faker-js/faker';
import { toAsciiWord } from './ascii-word.js';
import {
  CA_EN_FIRST_NAMES,
  CA_EN_STREETS,
  CA_EN_SURNAMES,
  GB_FIRST_NAMES,
  GB_SURNAMES,
  QC_FIRST_NAMES,
  QC_STREETS,
  QC_SURNAMES,
} from './data/names.js';
import { COUNTRY_FACTS, PLACES, type CountryFacts, type PlaceFacts } from './data/places.js';
import { weightTable, type Rng } from './random.js';

/**
 * Where systeme.io's customers live: French-speaking first, then English, Spanish, German, Portuguese
 * and Italian. Belgium and Canada are split by language community, so a Flemish person lives in Gent and
 * is named from nl_BE, a Québécois lives in Montréal with a Québec name. Names come from faker's locale
 * data (drawn with our own seeded generator, ~100x cheaper than re-seeding faker per event) or, where the
 * locale has none of its own, from the cited lists in data/names.ts; places, phones, postcodes, IPs and
 * VAT from the cited table in data/places.ts.
 */
export interface Country {
  /** ISO 3166-1 alpha-2, as systeme.io stores the `country` field. */
  readonly code: string;
  /** The contact's `locale` in the API (`fr`, `en`, ...), and the account's language for an owner here. */
  readonly language: 'fr' | 'en' | 'es' | 'de' | 'pt' | 'it';
  readonly weight: number;
  readonly currency: string;
  readonly emailDomains: readonly string[];
  readonly facts: CountryFacts;
  readonly places: readonly PlaceFacts[];
  readonly firstNames: () => readonly string[];
  readonly lastNames: () => readonly string[];
  readonly street: (rng: Rng, country: Country) => string;
}

type NameList = string[] | { generic?: string[]; female?: string[]; male?: string[] };

function namesOf(list: NameList | undefined): string[] {
  if (list === undefined) return [];
  if (Array.isArray(list)) return list;
  return [...(list.female ?? []), ...(list.male ?? []), ...(list.generic ?? [])];
}

/**
 * A name list with one entry per e-mail form: `Zoé` and `Zoe` would give the same address, and e-mails
 * are unique by construction (see people.ts), so only the first spelling of each form is kept.
 */
function distinctNames(names: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const form = toEmailWord(name);
    if (form === '' || seen.has(form)) continue;
    seen.add(form);
    out.push(name);
  }
  return out;
}

/** A name as an e-mail local part uses it: lowercase ASCII letters and digits. */
export function toEmailWord(text: string): string {
  return toAsciiWord(text.toLowerCase().replace(/ß/g, 'ss'));
}

function lazyList(read: () => readonly string[]): () => readonly string[] {
  let list: readonly string[] | undefined;
  return () => (list ??= distinctNames(read()));
}

const fakerFirst = (faker: Faker) => lazyList(() => namesOf(faker.rawDefinitions.person?.first_name as NameList));
const fakerLast = (faker: Faker) => lazyList(() => namesOf(faker.rawDefinitions.person?.last_name as NameList));

function location(faker: Faker) {
  return faker.rawDefinitions.location;
}

/** A list of faker's location data, read once (faker's definitions are getters, slow in a hot loop). */
function locationList(faker: Faker, key: 'street_prefix' | 'street_suffix' | 'street_name', fallback: string): () => readonly string[] {
  let list: readonly string[] | undefined;
  return () => (list ??= (location(faker)?.[key] as readonly string[] | undefined) ?? [fallback]);
}

// Street forms as each country writes an address line (postal authorities' addressing guides).
const frenchStreet = (faker: Faker) => {
  const prefixes = locationList(faker, 'street_prefix', 'Rue');
  const suffixes = locationList(faker, 'street_suffix', 'de la Paix');
  return (rng: Rng) => `${rng.int(1, 180)} ${rng.pick(prefixes())} ${rng.pick(suffixes())}`;
};
const namedStreetNumberLast = (faker: Faker) => {
  const names = locationList(faker, 'street_name', 'Hauptstraße');
  return (rng: Rng) => `${rng.pick(names())} ${rng.int(1, 180)}`;
};
const namedStreetNumberFirst = (faker: Faker) => {
  const names = locationList(faker, 'street_name', 'High Street');
  return (rng: Rng) => `${rng.int(1, 240)} ${rng.pick(names())}`;
};
const ES_STREET_KINDS = ['Calle', 'Calle', 'Calle', 'Avenida', 'Paseo', 'Plaza'];
const IT_STREET_KINDS = ['Via', 'Via', 'Via', 'Viale', 'Piazza', 'Corso'];

function c(
  code: string,
  language: Country['language'],
  weight: number,
  currency: string,
  places: string,
  emailDomains: readonly string[],
  firstNames: () => readonly string[],
  lastNames: () => readonly string[],
  street: Country['street'],
): Country {
  return {
    code,
    language,
    weight,
    currency,
    emailDomains,
    facts: COUNTRY_FACTS[code]!,
    places: PLACES[places]!,
    firstNames,
    lastNames,
    street,
  };
}

const NL_BE_LAST = fakerLast(nlBE);
const ES_FIRST = fakerFirst(es);
const ES_LAST = fakerLast(es);
const PT_FIRST = fakerFirst(ptPT);
const PT_LAST = fakerLast(ptPT);
const BR_FIRST = fakerFirst(ptBR);
const BR_LAST = fakerLast(ptBR);
const IT_LAST = fakerLast(it);
const NL_BE_STREET_SUFFIXES = locationList(nlBE, 'street_suffix', 'straat');
const PT_STREET_PREFIXES = locationList(ptPT, 'street_prefix', 'Rua');
const BR_STREET_PREFIXES = locationList(ptBR, 'street_prefix', 'Rua');

const FR_DOMAINS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'orange.fr',
  'free.fr',
  'hotmail.fr',
  'yahoo.fr',
  'laposte.net',
  'sfr.fr',
  'outlook.fr',
  'icloud.com',
];

export const COUNTRIES: readonly Country[] = [
  c('FR', 'fr', 28, 'eur', 'FR', FR_DOMAINS, fakerFirst(fr), fakerLast(fr), frenchStreet(fr)),
  c(
    'BE',
    'fr',
    3.5,
    'eur',
    'BE-fr',
    ['gmail.com', 'gmail.com', 'skynet.be', 'hotmail.com', 'outlook.be', 'voo.be'],
    fakerFirst(frBE),
    fakerLast(frBE),
    frenchStreet(frBE),
  ),
  // Flemish customers of a French-speaking account: their pages are the account's, so their locale is fr.
  c(
    'BE',
    'fr',
    1.5,
    'eur',
    'BE-nl',
    ['gmail.com', 'telenet.be', 'hotmail.com', 'skynet.be'],
    fakerFirst(nlBE),
    NL_BE_LAST,
    (rng) => `${rng.pick(NL_BE_LAST())}${rng.pick(NL_BE_STREET_SUFFIXES())} ${rng.int(1, 180)}`,
  ),
  c(
    'CH',
    'fr',
    3,
    'chf',
    'CH-fr',
    ['bluewin.ch', 'gmail.com', 'hotmail.com', 'sunrise.ch'],
    fakerFirst(frCH),
    fakerLast(frCH),
    frenchStreet(frCH),
  ),
  c(
    'CA',
    'fr',
    4,
    'cad',
    'CA-fr',
    ['gmail.com', 'videotron.ca', 'hotmail.com', 'outlook.com', 'bell.net'],
    lazyList(() => QC_FIRST_NAMES),
    lazyList(() => QC_SURNAMES),
    (rng) => `${rng.int(100, 9800)}, ${rng.pick(QC_STREETS)}`,
  ),
  c(
    'US',
    'en',
    10,
    'usd',
    'US',
    ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'],
    fakerFirst(en),
    fakerLast(en),
    namedStreetNumberFirst(enUS),
  ),
  c(
    'GB',
    'en',
    6,
    'gbp',
    'GB',
    ['gmail.com', 'hotmail.co.uk', 'btinternet.com', 'yahoo.co.uk', 'outlook.com'],
    lazyList(() => GB_FIRST_NAMES),
    lazyList(() => GB_SURNAMES),
    namedStreetNumberFirst(enGB),
  ),
  c(
    'CA',
    'en',
    4,
    'cad',
    'CA-en',
    ['gmail.com', 'yahoo.ca', 'rogers.com', 'shaw.ca', 'outlook.com'],
    lazyList(() => CA_EN_FIRST_NAMES),
    lazyList(() => CA_EN_SURNAMES),
    (rng) => `${rng.int(10, 2400)} ${rng.pick(CA_EN_STREETS)}`,
  ),
  c(
    'ES',
    'es',
    12,
    'eur',
    'ES',
    ['gmail.com', 'hotmail.es', 'yahoo.es', 'outlook.es', 'telefonica.net'],
    ES_FIRST,
    ES_LAST,
    (rng) => `${rng.pick(ES_STREET_KINDS)} ${rng.pick(ES_LAST())}, ${rng.int(1, 180)}`,
  ),
  c(
    'DE',
    'de',
    7,
    'eur',
    'DE',
    ['gmx.de', 'web.de', 'gmail.com', 't-online.de', 'posteo.de'],
    fakerFirst(de),
    fakerLast(de),
    namedStreetNumberLast(de),
  ),
  c('AT', 'de', 1.5, 'eur', 'AT', ['gmx.at', 'gmail.com', 'aon.at'], fakerFirst(deAT), fakerLast(deAT), namedStreetNumberLast(deAT)),
  c('CH', 'de', 1.5, 'chf', 'CH-de', ['bluewin.ch', 'gmail.com', 'gmx.ch'], fakerFirst(deCH), fakerLast(deCH), namedStreetNumberLast(deCH)),
  c(
    'PT',
    'pt',
    4,
    'eur',
    'PT',
    ['gmail.com', 'sapo.pt', 'hotmail.com', 'outlook.pt'],
    PT_FIRST,
    PT_LAST,
    (rng) => `${rng.pick(PT_STREET_PREFIXES())} ${rng.pick(PT_FIRST())} ${rng.pick(PT_LAST())}, ${rng.int(1, 180)}`,
  ),
  c(
    'BR',
    'pt',
    6,
    'brl',
    'BR',
    ['gmail.com', 'hotmail.com', 'uol.com.br', 'bol.com.br', 'outlook.com'],
    BR_FIRST,
    BR_LAST,
    (rng) => `${rng.pick(BR_STREET_PREFIXES())} ${rng.pick(BR_FIRST())} ${rng.pick(BR_LAST())}, ${rng.int(1, 2400)}`,
  ),
  c(
    'IT',
    'it',
    8,
    'eur',
    'IT',
    ['gmail.com', 'libero.it', 'hotmail.it', 'virgilio.it', 'yahoo.it'],
    fakerFirst(it),
    IT_LAST,
    (rng) => `${rng.pick(IT_STREET_KINDS)} ${rng.pick(IT_LAST())}, ${rng.int(1, 180)}`,
  ),
];

let countryWeights: ReturnType<typeof weightTable<Country>> | undefined;

export function pickCountry(rng: Rng): Country {
  countryWeights ??= weightTable(COUNTRIES.map((country) => [country, country.weight] as const));
  return rng.weighted(countryWeights);
}

export function pickFirstName(rng: Rng, country: Country): string {
  return rng.pick(country.firstNames());
}

export function pickLastName(rng: Rng, country: Country): string {
  return rng.pick(country.lastNames());
}

export function pickPlace(rng: Rng, country: Country): PlaceFacts {
  return rng.pick(country.places);
}

export function pickStreetAddress(rng: Rng, country: Country): string {
  return country.street(rng, country);
}

// --- Patterns: `#` a digit, `[2-7]`/`[0135]` a class, `@` an allowed letter; compiled once each. ---

/**
 * A pattern compiled once: the literal text before each drawn character, the characters each is drawn
 * from (null: the letters the country allows) and the literal tail. Filling it is one draw and one
 * concatenation per drawn character.
 */
class Pattern {
  constructor(
    readonly literals: readonly string[],
    readonly classes: readonly (string | null)[],
    readonly tail: string,
  ) {}

  fill(rng: Rng, letters: string): string {
    const { literals, classes } = this;
    let out = '';
    for (let i = 0; i < classes.length; i++) {
      const chars = classes[i] ?? letters;
      out += literals[i]! + chars[Math.floor(rng.next() * chars.length)]!;
    }
    return out + this.tail;
  }
}

const compiled = new Map<string, Pattern>();

function compile(pattern: string): Pattern {
  const known = compiled.get(pattern);
  if (known !== undefined) return known;
  const literals: string[] = [];
  const classes: (string | null)[] = [];
  let literal = '';
  const drawn = (chars: string | null) => {
    literals.push(literal);
    classes.push(chars);
    literal = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '#') drawn('0123456789');
    else if (ch === '@') drawn(null);
    else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      let chars = '';
      const body = pattern.slice(i + 1, end);
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          for (let code = body.charCodeAt(j); code <= body.charCodeAt(j + 2); code++) chars += String.fromCharCode(code);
          j += 2;
        } else chars += body[j];
      }
      drawn(chars);
      i = end;
    } else literal += ch;
  }
  const out = new Pattern(literals, classes, literal);
  compiled.set(pattern, out);
  return out;
}

/** Fills a pattern of the places table. */
export function fillPattern(rng: Rng, pattern: string, letters = ''): string {
  return compile(pattern).fill(rng, letters);
}

/** A place with its patterns compiled: what a person's address and phone are drawn from. */
interface PlaceDraws {
  readonly place: PlaceFacts;
  readonly postcodes: readonly Pattern[];
  readonly landlines: readonly Pattern[];
  readonly mobiles: readonly Pattern[];
}

/** A country's places, patterns and IP blocks, prepared once: drawing a person's address then looks nothing up. */
export interface CountryDraws {
  readonly country: Country;
  readonly places: readonly PlaceDraws[];
  readonly letters: string;
  readonly blocks: readonly (readonly [base: number, size: number])[];
}

const draws = new Map<Country, CountryDraws>();

/** The prepared draws of a country (people.ts keeps them per country, so this runs once per country). */
export function countryDraws(country: Country): CountryDraws {
  let prepared = draws.get(country);
  if (prepared === undefined) {
    const { facts } = country;
    prepared = {
      country,
      places: country.places.map((place) => ({
        place,
        postcodes: place.postcodes.map(compile),
        landlines: place.landlines.map(compile),
        mobiles: (place.mobiles ?? facts.mobiles).map(compile),
      })),
      letters: facts.postcodeLetters ?? '',
      blocks: facts.ipv4.map((cidr) => {
        const [address, bits] = cidr.split('/') as [string, string];
        const base = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
        return [base, 2 ** (32 - Number(bits))] as const;
      }),
    };
    draws.set(country, prepared);
  }
  return prepared;
}

/** Where a person lives: a place of the country, by the same draw as {@link pickPlace}. */
export function pickPlaceDraws(rng: Rng, prepared: CountryDraws): PlaceDraws {
  return rng.pick(prepared.places);
}

function placeDrawsOf(country: Country, place: PlaceFacts): PlaceDraws {
  const found = countryDraws(country).places.find((p) => p.place === place);
  if (found === undefined) throw new Error(`Failed to draw for ${place.city}: it is not a place of ${country.code}.`);
  return found;
}

export function drawPostcode(rng: Rng, country: Country, place: PlaceFacts): string {
  return drawPostcodeIn(rng, countryDraws(country), placeDrawsOf(country, place));
}

export function drawPostcodeIn(rng: Rng, prepared: CountryDraws, place: PlaceDraws): string {
  return rng.pick(place.postcodes).fill(rng, prepared.letters);
}

/**
 * A phone number as a person types it in a checkout: a mobile most of the time (a landline of their
 * city otherwise), written in the international form or the national one.
 */
export function drawPhone(rng: Rng, country: Country, place: PlaceFacts): string {
  return drawPhoneIn(rng, countryDraws(country), placeDrawsOf(country, place));
}

export function drawPhoneIn(rng: Rng, prepared: CountryDraws, place: PlaceDraws): string {
  const { facts } = prepared.country;
  const { mobiles, landlines } = place;
  const landline = landlines.length > 0 && (mobiles.length === 0 || rng.chance(0.15));
  const number = rng.pick(landline ? landlines : mobiles).fill(rng, '');
  if (rng.chance(0.55)) return `+${facts.callingCode} ${number}`;
  if (facts.nationalStyle === 'area-parens') {
    const space = number.indexOf(' ');
    return `(${number.slice(0, space)}) ${number.slice(space + 1)}`;
  }
  return facts.trunk + number;
}

/** An IPv4 address from a block allocated to the country's access providers, never .0 or .255. */
export function drawIp(rng: Rng, country: Country): string {
  return drawIpIn(rng, countryDraws(country));
}

export function drawIpIn(rng: Rng, prepared: CountryDraws): string {
  const [base, size] = rng.pick(prepared.blocks);
  const address = base + Math.floor(rng.next() * size);
  return `${Math.floor(address / 16_777_216)}.${Math.floor(address / 65_536) % 256}.${Math.floor(address / 256) % 256}.${rng.int(1, 254)}`;
}
