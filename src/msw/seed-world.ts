import { formatAtomDate } from '../encode/atom-date.js';
import { createGenerator, type EventGenerator } from '../generate/index.js';
import type { ApiContact, CourseInput } from './api-types.js';

const generators = new Map<string, EventGenerator>();

// One generator per seed: the store and the emitted payloads draw from the same world.
function generatorFor(seed: number | string): EventGenerator {
  let generator = generators.get(String(seed));
  if (generator === undefined) {
    generator = createGenerator({ seed });
    generators.set(String(seed), generator);
  }
  return generator;
}

/** The k-th contact of the seeded world: the webhooks service's contact, which is the REST API's. */
export function createSeedContact(seed: number | string, k: number): ApiContact {
  return generatorFor(seed).event('CONTACT_CREATED', k).payload.contact as ApiContact;
}

/** The k-th course of the seeded world. */
export function createSeedCourse(seed: number | string, k: number): CourseInput & { id: number; createdAt: string } {
  const event = generatorFor(seed).event('contact.course.enrolled', k);
  const { id, name, description } = (event.payload as { data: { course: { id: number; name: string; description: string | null } } }).data.course;
  return { id, name, description, createdAt: formatAtomDate(event.eventTime) };
}
