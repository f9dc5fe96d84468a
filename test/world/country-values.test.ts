import { allLocales } from '@faker-js/faker';
import { isValidPhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator } from 'postcode-validator';
import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../src/world/countries.js';
import { CA_EN_SURNAMES, GB_SURNAMES, QC_SURNAMES } from '../../src/world/data/names.js';
import { person, type Person } from '../../src/world/people.js';

/**
 * Per country (and language community), at least 2,000 people, checked by independent validators:
 * libphonenumber-js (Google's numbering metadata, "max" build: number types, not only lengths) and
 * postcode-validator, plus facts written here from the postal authorities, not read from our table.
 */
const PER_COUNTRY = 2000;

function communityOf(p: Person): string {
  return `${p.country.code}-${COUNTRIES.indexOf(p.country)}`;
}

function gatherPeople(seed: string): Map<string, Person[]> {
  const groups = new Map<string, Person[]>();
  for (const country of COUNTRIES) groups.set(`${country.code}-${COUNTRIES.indexOf(country)}`, []);
  let full = 0;
  for (let k = 0; full < groups.size; k++) {
    const p = person(seed, k);
    const group = groups.get(communityOf(p))!;
    if (group.length < PER_COUNTRY) {
      group.push(p);
      if (group.length === PER_COUNTRY) full++;
    }
  }
  return groups;
}

const groups = gatherPeople('7');

function share(people: readonly Person[], test: (p: Person) => boolean): number {
  return people.filter(test).length / people.length;
}

// Facts from the postal authorities, independent of src/world/data/places.ts.
const ES_PROVINCE: Record<string, string> = {
  Madrid: '28',
  Barcelona: '08',
  Valencia: '46',
  Sevilla: '41',
  Zaragoza: '50',
  Málaga: '29',
  Bilbao: '48',
  Palma: '07',
  Murcia: '30',
  Valladolid: '47',
  'A Coruña': '15',
  Granada: '18',
};
const GB_AREA: Record<string, RegExp> = {
  London: /^(SW|SE|E|N|NW|W|WC|EC)\d/,
  Manchester: /^M\d/,
  Birmingham: /^B\d/,
  Edinburgh: /^EH\d/,
  Leeds: /^LS\d/,
  Bristol: /^BS\d/,
  Glasgow: /^G\d/,
  Liverpool: /^L\d/,
  Brighton: /^BN\d/,
  Cardiff: /^CF\d/,
  Sheffield: /^S\d/,
};
// Canada Post: the first letter of a postcode names the province or region.
const CA_REGION: Record<string, string> = {
  Montréal: 'H',
  Laval: 'H',
  Québec: 'G',
  Lévis: 'G',
  'Trois-Rivières': 'G',
  Gatineau: 'J',
  Longueuil: 'J',
  Sherbrooke: 'J',
  Toronto: 'M',
  Ottawa: 'K',
  Mississauga: 'L',
  Vancouver: 'V',
  Calgary: 'T',
  Edmonton: 'T',
  Winnipeg: 'R',
  Halifax: 'B',
};

describe.each([...groups.keys()])('people of %s', (key) => {
  const people = groups.get(key)!;
  const code = people[0]!.country.code as CountryCode;

  it(`has phones valid for ${code} (libphonenumber-js), >= 99.5%`, () => {
    expect(people).toHaveLength(PER_COUNTRY);
    const valid = share(people, (p) => isValidPhoneNumber(p.phone, code));
    expect(
      valid,
      people
        .filter((p) => !isValidPhoneNumber(p.phone, code))
        .slice(0, 5)
        .map((p) => p.phone)
        .join(', '),
    ).toBeGreaterThanOrEqual(0.995);
    // Parsed as a number of that country, not one that merely has the right length.
    expect(share(people, (p) => parsePhoneNumberFromString(p.phone, code)?.country === code)).toBeGreaterThanOrEqual(0.995);
  });

  it(`has postcodes valid for ${code} (postcode-validator), >= 99.5%`, () => {
    const valid = share(people, (p) => postcodeValidator(p.postcode, code));
    expect(
      valid,
      people
        .filter((p) => !postcodeValidator(p.postcode, code))
        .slice(0, 5)
        .map((p) => p.postcode)
        .join(', '),
    ).toBeGreaterThanOrEqual(0.995);
  });

  it('draws each city and postcode pair from the table, and the postcode fits the city', () => {
    for (const p of people) {
      const place = p.country.places.find((candidate) => candidate.city === p.place.city)!;
      const patterns = place.postcodes.map((pattern) => new RegExp(`^${pattern.replace(/#/g, '\\d').replace(/@/g, '[A-Z]')}$`));
      expect(
        patterns.some((pattern) => pattern.test(p.postcode)),
        `${p.place.city} ${p.postcode}`,
      ).toBe(true);
      if (code === 'ES') expect(p.postcode.slice(0, 2), p.place.city).toBe(ES_PROVINCE[p.place.city]);
      if (code === 'GB') expect(p.postcode, p.place.city).toMatch(GB_AREA[p.place.city]!);
      if (code === 'CA') {
        expect(p.postcode).not.toMatch(/[DFIOQU]/);
        expect(p.postcode.charAt(0), p.place.city).toBe(CA_REGION[p.place.city]);
      }
    }
  });

  it('never draws reserved fiction ranges or invalid NANP exchanges', () => {
    for (const p of people) {
      const national = parsePhoneNumberFromString(p.phone, code)!.nationalNumber;
      if (code === 'GB')
        expect(national).not.toMatch(/^(7700900|2079460|1[1-5]14960|1134960|1174960|1414960|1514960|1144960|2920180|1632960)/);
      if (code === 'US' || code === 'CA') {
        expect(national.slice(3, 6)).not.toBe('555');
        expect(national.slice(4, 6)).not.toBe('11');
      }
    }
  });

  it('gives IPs from the country’s allocated blocks, never .0 or .255', () => {
    const blocks = people[0]!.country.facts.ipv4.map((cidr) => {
      const [address, bits] = cidr.split('/') as [string, string];
      const base = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
      return [base, base + 2 ** (32 - Number(bits))] as const;
    });
    for (const p of people) {
      const octets = p.ip.split('.').map(Number);
      expect(octets).toHaveLength(4);
      const value = octets.reduce((sum, octet) => sum * 256 + octet, 0);
      expect(
        blocks.some(([from, to]) => value >= from && value < to),
        p.ip,
      ).toBe(true);
      expect(octets[3]).toBeGreaterThanOrEqual(1);
      expect(octets[3]).toBeLessThanOrEqual(254);
    }
  });

  it('spells e-mails from the name, with fewer than 10% of local parts carrying 5 digits in a row', () => {
    const longDigits = share(people, (p) => /\d{5}/.test(p.email.split('@')[0]!));
    expect(longDigits).toBeLessThan(0.1);
    for (const p of people.slice(0, 300)) {
      const local = p.email.split('@')[0]!;
      const ascii = (name: string) =>
        name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/ß/g, 'ss')
          .replace(/[^a-z0-9]/g, '');
      expect(local.startsWith(ascii(p.firstName)), `${p.email} for ${p.firstName} ${p.lastName}`).toBe(true);
      expect(local).toContain(ascii(p.lastName));
      expect(p.email).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$/);
    }
  });
});

describe('names and streets from the country’s own data', () => {
  const people = [...groups.values()].flat();

  it('names Belgians from fr_BE in Wallonia and Brussels and from nl_BE in Flanders', () => {
    const raw = (locale: 'fr_BE' | 'nl_BE') => {
      const list = allLocales[locale].person!.last_name as unknown as { generic?: string[] } | string[];
      return new Set(Array.isArray(list) ? list : (list.generic ?? []));
    };
    const flemishCities = new Set(['Antwerpen', 'Gent', 'Brugge', 'Leuven', 'Mechelen']);
    const belgians = people.filter((p) => p.country.code === 'BE');
    expect(belgians.length).toBeGreaterThanOrEqual(2 * PER_COUNTRY);
    for (const p of belgians)
      expect(raw(flemishCities.has(p.place.city) ? 'nl_BE' : 'fr_BE').has(p.lastName), `${p.lastName} in ${p.place.city}`).toBe(true);
  });

  it('gives no US-English surname list to British or Canadian people, and British streets from en_GB', () => {
    const usOnly = new Set((allLocales.en.person!.last_name as unknown as { generic: string[] }).generic);
    for (const name of [...GB_SURNAMES, ...CA_EN_SURNAMES, ...QC_SURNAMES]) usOnly.delete(name);
    const britishStreets = new Set(allLocales.en_GB.location!.street_name as string[]);
    const british = people.filter((p) => p.country.code === 'GB');
    const canadians = people.filter((p) => p.country.code === 'CA');
    expect(british).toHaveLength(PER_COUNTRY);
    expect(canadians).toHaveLength(2 * PER_COUNTRY);
    for (const p of british) {
      expect(GB_SURNAMES).toContain(p.lastName);
      expect(britishStreets.has(p.streetAddress.replace(/^\d+ /, '')), p.streetAddress).toBe(true);
    }
    for (const p of canadians)
      expect(
        p.place.city in CA_REGION && [...CA_EN_SURNAMES, ...QC_SURNAMES].includes(p.lastName),
        `${p.lastName} in ${p.place.city}`,
      ).toBe(true);
    expect([...british, ...canadians].filter((p) => usOnly.has(p.lastName)).map((p) => p.lastName)).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('are unique across 250,000 people of one seed, without a counter', () => {
    const seen = new Set<string>();
    let duplicates = 0;
    for (let k = 0; k < 250_000; k++) {
      const local = person('3', k).email.split('@')[0]!;
      if (seen.has(local)) duplicates++;
      seen.add(local);
    }
    expect(duplicates).toBe(0);
  });

  it('use the variations people use: dots, concatenation, middle initials, birth years, short numbers', () => {
    const locals = Array.from({ length: 4000 }, (_, k) => person('5', k).email.split('@')[0]!);
    const count = (pattern: RegExp) => locals.filter((local) => pattern.test(local)).length / locals.length;
    expect(count(/^[a-z]+\.[a-z]+$/)).toBeGreaterThan(0.03);
    expect(count(/^[a-z]+$/)).toBeGreaterThan(0.01);
    expect(count(/^[a-z]+\.[a-z]\.[a-z]+/)).toBeGreaterThan(0.02);
    expect(count(/(19[6-9]\d|200[0-6])$/)).toBeGreaterThan(0.05);
    expect(count(/[a-z](6\d|7\d|8\d|9\d|0[0-6])$/)).toBeGreaterThan(0.05);
    expect(count(/_/)).toBeGreaterThan(0.03);
  });
});
