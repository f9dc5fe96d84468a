import { formatAtomDate } from '../encode/atom-date.js';
import type {
  ApiContact,
  ApiContactFieldDefinition,
  ApiCourse,
  ApiEnrollment,
  ApiTag,
  ApiWebhook,
  AutomationRule,
  ContactInput,
  CourseInput,
  TagInput,
} from './api-types.js';

/** The mutable state behind the API mock. Routes and the emitter share it; users see `ApiStore`. */
export interface ApiState {
  contacts: Map<number, ApiContact>;
  tags: Map<number, ApiTag>;
  fields: Map<string, ApiContactFieldDefinition>;
  courses: Map<number, ApiCourse>;
  enrollments: Map<number, ApiEnrollment>;
  webhooks: Map<string, ApiWebhook>;
  rules: Map<string, AutomationRule>;
  nextContactId: number;
  nextTagId: number;
  nextCourseId: number;
  nextEnrollmentId: number;
}

/** What a test can read from (and add to) the mock's store. Reads return copies. */
export interface ApiStore {
  /** Every contact, by ascending id. */
  readonly contacts: ApiContact[];
  readonly tags: ApiTag[];
  readonly contactFields: ApiContactFieldDefinition[];
  readonly courses: ApiCourse[];
  readonly enrollments: ApiEnrollment[];
  readonly webhooks: ApiWebhook[];
  readonly automationRules: AutomationRule[];
  /** A contact by id or email (case-insensitive). */
  getContact(idOrEmail: number | string): ApiContact | undefined;
  /** A tag by id or name. */
  getTag(idOrName: number | string): ApiTag | undefined;
}

export function createApiState(): ApiState {
  return {
    contacts: new Map(),
    tags: new Map(),
    fields: new Map(),
    courses: new Map(),
    enrollments: new Map(),
    webhooks: new Map(),
    rules: new Map(),
    nextContactId: 1,
    nextTagId: 1,
    nextCourseId: 1,
    nextEnrollmentId: 1,
  };
}

function byKey<T>(map: Map<string | number, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => structuredClone(v));
}

/** A read-only view of the state for tests. */
export function createApiStore(current: () => ApiState): ApiStore {
  return {
    get contacts() {
      return byKey(current().contacts);
    },
    get tags() {
      return byKey(current().tags);
    },
    get contactFields() {
      return byKey(current().fields);
    },
    get courses() {
      return byKey(current().courses);
    },
    get enrollments() {
      return byKey(current().enrollments);
    },
    get webhooks() {
      return byKey(current().webhooks);
    },
    get automationRules() {
      return byKey(current().rules);
    },
    getContact(idOrEmail) {
      const found = findContact(current(), idOrEmail);
      return found === undefined ? undefined : structuredClone(found);
    },
    getTag(idOrName) {
      const found =
        typeof idOrName === 'number'
          ? current().tags.get(idOrName)
          : [...current().tags.values()].find((t) => t.name === idOrName);
      return found === undefined ? undefined : structuredClone(found);
    },
  };
}

export function findContact(state: ApiState, idOrEmail: number | string): ApiContact | undefined {
  if (typeof idOrEmail === 'number') return state.contacts.get(idOrEmail);
  const email = idOrEmail.toLowerCase();
  for (const c of state.contacts.values()) if (c.email.toLowerCase() === email) return c;
  return undefined;
}

/** Keeps the id counters above every stored id, so created resources never collide with seeded ones. */
function bump(state: ApiState): void {
  for (const id of state.contacts.keys()) state.nextContactId = Math.max(state.nextContactId, id + 1);
  for (const id of state.tags.keys()) state.nextTagId = Math.max(state.nextTagId, id + 1);
  for (const id of state.courses.keys()) state.nextCourseId = Math.max(state.nextCourseId, id + 1);
  for (const id of state.enrollments.keys()) state.nextEnrollmentId = Math.max(state.nextEnrollmentId, id + 1);
}

/** Adds a tag (or returns the one with that name) to the state. */
export function putTag(state: ApiState, input: TagInput, now: Date): ApiTag {
  const { id, name, createdAt } = typeof input === 'string' ? { id: undefined, name: input, createdAt: undefined } : input;
  const existing = [...state.tags.values()].find((t) => t.name === name || t.id === id);
  if (existing !== undefined) return existing;
  const tag: ApiTag = { id: id ?? state.nextTagId, name, createdAt: createdAt ?? formatAtomDate(now) };
  state.tags.set(tag.id, tag);
  bump(state);
  return tag;
}

/** Adds a course to the state. */
export function putCourse(state: ApiState, input: CourseInput | ApiCourse, now: Date): ApiCourse {
  const course: ApiCourse = {
    id: input.id ?? state.nextCourseId,
    name: input.name,
    description: input.description ?? null,
    createdAt: 'createdAt' in input ? input.createdAt : formatAtomDate(now),
  };
  state.courses.set(course.id, course);
  bump(state);
  return course;
}

/**
 * Adds a contact to the state, in the webhook contact's key order; its tags and fields are added to the
 * account's tags and contact fields when missing.
 */
export function putContact(state: ApiState, input: ContactInput | ApiContact, now: Date): ApiContact {
  const fields = (input.fields ?? []).map((f) => {
    let def = state.fields.get(f.slug);
    if (def === undefined) {
      def = { slug: f.slug, fieldName: f.fieldName ?? f.slug };
      state.fields.set(def.slug, def);
    }
    return { fieldName: def.fieldName, slug: def.slug, value: f.value };
  });
  const tags = (input.tags ?? []).map((t) => {
    const tag = putTag(state, t, now);
    return { id: tag.id, name: tag.name };
  });
  const contact: ApiContact = {
    id: input.id ?? state.nextContactId,
    email: input.email,
    registeredAt: input.registeredAt ?? formatAtomDate(now),
    locale: input.locale ?? 'en',
    sourceURL: input.sourceURL ?? null,
    unsubscribed: input.unsubscribed ?? false,
    bounced: input.bounced ?? false,
    needsConfirmation: input.needsConfirmation ?? false,
    fields,
    tags,
  };
  state.contacts.set(contact.id, contact);
  bump(state);
  return contact;
}
