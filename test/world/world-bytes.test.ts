import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';
import { generateJourneys } from '../../src/journey/generate-journeys.js';
import { createWorldContact, profileOfContact } from '../../src/world/event-scope.js';
import { person } from '../../src/world/people.js';

/**
 * The golden snapshots hold event 0 of each trigger; the world's speed work (streams hashed in pieces,
 * views drawn on first read, prepared countries) must keep every later event, person and journey too.
 * These digests were taken from the world before that work (commit 92f178c) over thousands of values
 * per seed: any change to a drawn value moves one. An intended change of the world updates them (the
 * failure prints the new ones) with a note in the commit saying what moved and why.
 */
const EXPECTED: Record<string, Record<string, string>> = {
  '1': {
    events: 'e57ae173a11966edf891',
    timed: '30588d1d91e17dbf3a5a',
    people: '7fc0c54dc0b05a862e55',
    contacts: 'c1cb60dfdf0134d840a6',
    journeys: '2b4cb66a3745a546b84e',
  },
  shop: {
    events: 'ca3d3a42ee16f43391d4',
    timed: '62bff11284c427ee6f37',
    people: 'bac35156ea6ebb1e561c',
    contacts: '35d2a361ffc21c990770',
    journeys: 'e17ca9a36e654c3e37f4',
  },
  'héllo-ø': {
    events: '8311d4f915627de52b2d',
    timed: 'cb37dc2736480c4b4822',
    people: 'cab94131a3b7fa24cab4',
    contacts: 'bbef4c9ecf075c04bf0b',
    journeys: '7fe087827e90e6c262df',
  },
};

const WORLD_NOW = Date.UTC(2025, 0, 1);

function digestsOf(seed: string): Record<string, string> {
  const sha = () => createHash('sha256');
  const generator = createGenerator({ seed });
  const events = sha();
  let eventCount = 0;
  for (const t of BUILT_IN_TRIGGERS) for (let i = 0; i < 200; i++, eventCount++) events.update(`${generator.eventBody(t.id, i).body}\n`);
  // Past the contact pool (1,000,000) and the people pool (1,048,576): registered contacts and laps.
  for (const t of BUILT_IN_TRIGGERS)
    for (const i of [999_999, 1_048_576, 5_000_000]) events.update(`${generator.eventBody(t.id, i).body}\n`);
  expect(eventCount).toBe(200 * BUILT_IN_TRIGGERS.length);
  // Send times as a load run makes them, 0.777 s apart: dates come back to a second modulo 64 and leave it.
  const timed = sha();
  for (const t of BUILT_IN_TRIGGERS) {
    for (let i = 0; i < 200; i++) timed.update(`${generator.eventBody(t.id, i, { at: Date.UTC(2026, 2, 3) + i * 777 }).body}\n`);
  }
  const people = sha();
  for (let k = 0; k < 3000; k++) {
    const p = person(seed, (k * 7919) % 1_048_576);
    const fields = [p.id, p.email, p.firstName, p.lastName, p.country.code, p.place.city, p.postcode, p.streetAddress, p.phone, p.ip];
    // The person's stream goes on where the event scope draws from it: its next draw is part of the person.
    people.update(`${[...fields, p.rng.next()].join('\t')}\n`);
  }
  const contacts = sha();
  for (let k = 0; k < 500; k++) contacts.update(`${JSON.stringify(createWorldContact(seed, k * 1999 + 1, WORLD_NOW))}\n`);
  for (let i = 0; i < 200; i++) contacts.update(`${JSON.stringify(profileOfContact(seed, 400_000_000 + i * 97, WORLD_NOW))}\n`);
  const journeys = sha();
  for (const name of ['lead-to-buyer', 'refund', 'webinar-attendee']) {
    for (const e of generateJourneys(name, { seed, count: 10 })) journeys.update(`${e.event.body}\n`);
  }
  const short = (hash: ReturnType<typeof sha>) => hash.digest('hex').slice(0, 20);
  return { events: short(events), timed: short(timed), people: short(people), contacts: short(contacts), journeys: short(journeys) };
}

describe('the world keeps its bytes beyond event 0: digests of 6,851 bodies, 3,000 people, 700 contacts and 30 journeys per seed', () => {
  it.each(Object.keys(EXPECTED))('seed %s', (seed) => {
    expect(digestsOf(seed)).toEqual(EXPECTED[seed]);
  });
});
