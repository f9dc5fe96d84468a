import { formatAtomDate } from '../encode/atom-date.js';
import { createGenerator, type EventGenerator } from '../generate/index.js';
import { accountFor } from '../world/account.js';
import { createWorldContact } from '../world/event-scope.js';
import type { ApiContact, CourseInput } from './api-types.js';

const DAY = 86_400_000;
const generators = new Map<string, EventGenerator>();

/** One generator per seed: the store and the emitted payloads draw from the same world and clock. */
export function getSeedGenerator(seed: number | string): EventGenerator {
  let generator = generators.get(String(seed));
  if (generator === undefined) {
    generator = createGenerator({ seed });
    generators.set(String(seed), generator);
  }
  return generator;
}

/**
 * Contact k of the seeded world's pool, as the REST API shows it: the same id, email, fields, tags and
 * registration date as in every generated event that names it (registered before the world's clock).
 */
export function createSeedContact(seed: number | string, k: number): ApiContact {
  const generator = getSeedGenerator(seed);
  const view = createWorldContact(generator.seed, k, generator.now.getTime());
  return {
    id: view.id,
    email: view.email,
    registeredAt: view.registeredAt,
    locale: view.locale,
    sourceURL: view.sourceUrl,
    unsubscribed: view.unsubscribed,
    bounced: view.bounced,
    needsConfirmation: view.needsConfirmation,
    fields: view.fieldList.map((f) => ({ fieldName: f.fieldName, slug: f.slug, value: f.value })),
    tags: view.tags.map((t) => ({ id: t.id, name: t.name })),
  };
}

/**
 * The k-th course of the seeded account (beyond the account's own courses, further parts of them), made
 * weeks before the world's clock, so every enrollment comes after its course exists.
 */
export function createSeedCourse(seed: number | string, k: number): CourseInput & { id: number; createdAt: string } {
  const generator = getSeedGenerator(seed);
  const { courses } = accountFor(generator.seed);
  const base = courses[k % courses.length]!;
  const part = Math.floor(k / courses.length);
  const createdMs = generator.now.getTime() - (60 + ((k * 37) % 300)) * DAY;
  return {
    id: part === 0 ? base.id : base.id + part * 1_000_003,
    name: part === 0 ? base.name : `${base.name} ${part + 1}`,
    description: base.description,
    createdAt: formatAtomDate(Math.floor(createdMs / 1000) * 1000),
  };
}
