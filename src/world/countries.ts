import { faker as de } from '@faker-js/faker/locale/de';
import { faker as deAT } from '@faker-js/faker/locale/de_AT';
import { faker as deCH } from '@faker-js/faker/locale/de_CH';
import { faker as en } from '@faker-js/faker/locale/en';
import { faker as enCA } from '@faker-js/faker/locale/en_CA';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as frBE } from '@faker-js/faker/locale/fr_BE';
import { faker as frCH } from '@faker-js/faker/locale/fr_CH';
import { faker as it } from '@faker-js/faker/locale/it';
import { faker as ptBR } from '@faker-js/faker/locale/pt_BR';
import { faker as ptPT } from '@faker-js/faker/locale/pt_PT';
import type { Faker } from '@faker-js/faker';
import { weightTable, type Rng } from './random.js';

/**
 * Where systeme.io's customers live: French-speaking first, then English, Spanish, German, Portuguese
 * and Italian. Names, cities and streets come from faker's locale data (drawn with our own seeded
 * generator, which is ~100x cheaper than re-seeding faker per event); postcodes and phone numbers follow
 * each country's format.
 */
export interface Country {
  /** ISO 3166-1 alpha-2, as systeme.io stores the `country` field. */
  readonly code: string;
  /** The contact's `locale` in the API (`fr`, `en`, ...). */
  readonly language: 'fr' | 'en' | 'es' | 'de' | 'pt' | 'it';
  readonly weight: number;
  readonly currency: string;
  readonly postcodes: readonly string[];
  readonly phones: readonly string[];
  readonly emailDomains: readonly string[];
  readonly names: Faker;
  readonly places: Faker;
  /** Cities where faker's locale has none of its own for this country. */
  readonly cities?: readonly string[];
  readonly streetStyle: 'number-first' | 'number-last';
}

const FR_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'orange.fr', 'free.fr', 'hotmail.fr', 'yahoo.fr', 'laposte.net', 'sfr.fr', 'outlook.fr', 'icloud.com'];

export const COUNTRIES: readonly Country[] = [
  { code: 'FR', language: 'fr', weight: 28, currency: 'eur', postcodes: ['#####'], phones: ['+33 6 ## ## ## ##', '+33 7 ## ## ## ##', '06 ## ## ## ##'], emailDomains: FR_DOMAINS, names: fr, places: fr, streetStyle: 'number-first' },
  { code: 'BE', language: 'fr', weight: 5, currency: 'eur', postcodes: ['1###', '4###', '5###', '6###', '7###'], phones: ['+32 4## ## ## ##'], emailDomains: ['gmail.com', 'skynet.be', 'hotmail.com', 'outlook.be', 'telenet.be'], names: frBE, places: frBE, cities: ['Bruxelles', 'Liège', 'Namur', 'Charleroi', 'Mons', 'Wavre', 'Tournai', 'Ottignies-Louvain-la-Neuve'], streetStyle: 'number-first' },
  { code: 'CH', language: 'fr', weight: 3, currency: 'chf', postcodes: ['1###', '2###'], phones: ['+41 7# ### ## ##'], emailDomains: ['bluewin.ch', 'gmail.com', 'hotmail.com', 'sunrise.ch'], names: frCH, places: frCH, streetStyle: 'number-first' },
  { code: 'CA', language: 'fr', weight: 4, currency: 'cad', postcodes: ['H#? #?#', 'G#? #?#', 'J#? #?#'], phones: ['+1 514-###-####', '+1 418-###-####', '+1 438-###-####'], emailDomains: ['gmail.com', 'videotron.ca', 'hotmail.com', 'outlook.com'], names: fr, places: fr, cities: ['Montréal', 'Québec', 'Laval', 'Gatineau', 'Longueuil', 'Sherbrooke', 'Trois-Rivières', 'Lévis'], streetStyle: 'number-first' },
  { code: 'US', language: 'en', weight: 10, currency: 'usd', postcodes: ['#####'], phones: ['+1 ###-555-####'], emailDomains: ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com'], names: en, places: en, streetStyle: 'number-first' },
  { code: 'GB', language: 'en', weight: 6, currency: 'gbp', postcodes: ['SW# #??', 'M## #??', 'B## #??', 'EH# #??', 'LS## #??'], phones: ['+44 7700 9#####'], emailDomains: ['gmail.com', 'hotmail.co.uk', 'btinternet.com', 'yahoo.co.uk'], names: en, places: en, cities: ['London', 'Manchester', 'Birmingham', 'Edinburgh', 'Leeds', 'Bristol', 'Brighton', 'Glasgow'], streetStyle: 'number-first' },
  { code: 'CA', language: 'en', weight: 4, currency: 'cad', postcodes: ['M#? #?#', 'V#? #?#', 'T#? #?#'], phones: ['+1 416-###-####', '+1 604-###-####'], emailDomains: ['gmail.com', 'yahoo.ca', 'rogers.com', 'shaw.ca'], names: enCA, places: enCA, streetStyle: 'number-first' },
  { code: 'ES', language: 'es', weight: 12, currency: 'eur', postcodes: ['#####'], phones: ['+34 6## ## ## ##', '+34 7## ## ## ##'], emailDomains: ['gmail.com', 'hotmail.es', 'yahoo.es', 'outlook.es', 'telefonica.net'], names: es, places: es, streetStyle: 'number-last' },
  { code: 'DE', language: 'de', weight: 7, currency: 'eur', postcodes: ['#####'], phones: ['+49 15# ########', '+49 17# #######'], emailDomains: ['gmx.de', 'web.de', 'gmail.com', 't-online.de', 'posteo.de'], names: de, places: de, streetStyle: 'number-last' },
  { code: 'AT', language: 'de', weight: 1.5, currency: 'eur', postcodes: ['1###', '4###', '5###', '8###'], phones: ['+43 664 #######', '+43 676 #######'], emailDomains: ['gmx.at', 'gmail.com', 'aon.at'], names: deAT, places: deAT, streetStyle: 'number-last' },
  { code: 'CH', language: 'de', weight: 1.5, currency: 'chf', postcodes: ['3###', '4###', '8###'], phones: ['+41 7# ### ## ##'], emailDomains: ['bluewin.ch', 'gmail.com', 'gmx.ch'], names: deCH, places: deCH, streetStyle: 'number-last' },
  { code: 'PT', language: 'pt', weight: 4, currency: 'eur', postcodes: ['####-###'], phones: ['+351 9## ### ###'], emailDomains: ['gmail.com', 'sapo.pt', 'hotmail.com', 'outlook.pt'], names: ptPT, places: ptPT, streetStyle: 'number-last' },
  { code: 'BR', language: 'pt', weight: 6, currency: 'brl', postcodes: ['#####-###'], phones: ['+55 11 9####-####', '+55 21 9####-####'], emailDomains: ['gmail.com', 'hotmail.com', 'uol.com.br', 'bol.com.br', 'outlook.com'], names: ptBR, places: ptBR, cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Florianópolis', 'Salvador', 'Brasília'], streetStyle: 'number-last' },
  { code: 'IT', language: 'it', weight: 8, currency: 'eur', postcodes: ['#####'], phones: ['+39 3## ### ####'], emailDomains: ['gmail.com', 'libero.it', 'hotmail.it', 'virgilio.it', 'yahoo.it'], names: it, places: it, streetStyle: 'number-last' },
];

const COUNTRY_WEIGHTS = weightTable(COUNTRIES.map((country) => [country, country.weight] as const));

export function pickCountry(rng: Rng): Country {
  return rng.weighted(COUNTRY_WEIGHTS);
}

type NameList = string[] | { generic?: string[]; female?: string[]; male?: string[] };

function namesOf(list: NameList | undefined): string[] {
  if (list === undefined) return [];
  if (Array.isArray(list)) return list;
  return [...(list.female ?? []), ...(list.male ?? []), ...(list.generic ?? [])];
}

const firstNameCache = new Map<Faker, readonly string[]>();
const lastNameCache = new Map<Faker, readonly string[]>();

function cached(cache: Map<Faker, readonly string[]>, faker: Faker, read: () => NameList | undefined): readonly string[] {
  let list = cache.get(faker);
  if (list === undefined) {
    list = namesOf(read());
    cache.set(faker, list);
  }
  return list;
}

export function pickFirstName(rng: Rng, country: Country): string {
  return rng.pick(cached(firstNameCache, country.names, () => country.names.rawDefinitions.person?.first_name as NameList));
}

export function pickLastName(rng: Rng, country: Country): string {
  return rng.pick(cached(lastNameCache, country.names, () => country.names.rawDefinitions.person?.last_name as NameList));
}

export function pickCity(rng: Rng, country: Country): string {
  return rng.pick(country.cities ?? country.places.rawDefinitions.location?.city_name ?? ['Paris']);
}

export function pickStreetAddress(rng: Rng, country: Country): string {
  const location = country.places.rawDefinitions.location;
  const number = String(rng.int(1, 180));
  const prefix = location?.street_prefix;
  const suffix = location?.street_suffix;
  if (country.streetStyle === 'number-first') {
    if (country.language === 'en') return `${number} ${pickLastName(rng, country)} ${rng.pick(suffix ?? ['Street'])}`;
    return `${number} ${rng.pick(prefix ?? ['Rue'])} ${rng.pick(suffix ?? ['de la Paix'])}`;
  }
  const names = location?.street_name;
  if (names && names.length > 0 && country.language === 'de') return `${rng.pick(names)} ${number}`;
  const street = prefix ? `${rng.pick(prefix)} ${pickLastName(rng, country)}` : `${rng.pick(suffix ?? ['Via'])} ${pickLastName(rng, country)}`;
  return `${street}, ${number}`;
}
