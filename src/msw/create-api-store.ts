import { formatAtomDate } from '../encode/atom-date.js';
import type {
  ApiCommunity,
  ApiContact,
  ApiContactFieldDefinition,
  ApiCourse,
  ApiEnrollment,
  ApiMembership,
  ApiNewsletter,
  ApiSubscription,
  ApiTag,
  ApiWebhook,
  AutomationRule,
  CommunityInput,
  ContactInput,
  CourseInput,
  TagInput,
} from './api-types.js';

/** The mutable state behind the API mock. Routes and the emitter share it; users see `ApiStore`. */
export interface ApiState {
  contacts: Map<number, ApiContact>;
  /** Lower-cased email -> contact id: lookups by email stay O(1), so seeding is linear (issue 10 case 21). */
  contactIdsByEmail: Map<string, number>;
  tags: Map<number, ApiTag>;
  fields: Map<string, ApiContactFieldDefinition>;
  courses: Map<number, ApiCourse>;
  enrollments: Map<number, ApiEnrollment>;
  communities: Map<number, ApiCommunity>;
  memberships: Map<number, ApiMembership>;
  subscriptions: Map<number, ApiSubscription>;
  /** The SALE_NEW payload each subscription was sold in: its SALE_CANCELED tells about the same order. */
  subscriptionSales: Map<number, Record<string, unknown>>;
  newsletters: Map<number, ApiNewsletter>;
  webhooks: Map<string, ApiWebhook>;
  rules: Map<string, AutomationRule>;
  nextContactId: number;
  nextTagId: number;
  nextCourseId: number;
  nextModuleId: number;
  nextEnrollmentId: number;
  nextCommunityId: number;
  nextMembershipId: number;
  nextSubscriptionId: number;
  nextNewsletterId: number;
}

/** What a test can read from (and add to) the mock's store. Reads return copies. */
export interface ApiStore {
  /** Every contact, by ascending id. */
  readonly contacts: ApiContact[];
  readonly tags: ApiTag[];
  readonly contactFields: ApiContactFieldDefinition[];
  readonly courses: ApiCourse[];
  readonly enrollments: ApiEnrollment[];
  readonly communities: ApiCommunity[];
  readonly memberships: ApiMembership[];
  readonly subscriptions: ApiSubscription[];
  readonly newsletters: ApiNewsletter[];
  readonly webhooks: ApiWebhook[];
  readonly automationRules: AutomationRule[];
  /** A contact by id or email (case-insensitive). */
  getContact(idOrEmail: number | string): ApiContact | undefined;
  /** A tag by id or name. */
  getTag(idOrName: number | string): ApiTag | undefined;
  /** The `SALE_NEW` payload a subscription was sold in (the order its `SALE_CANCELED` is about). */
  getSubscriptionSale(subscriptionId: number): Record<string, unknown> | undefined;
}

export function createApiState(): ApiState {
  return {
    contacts: new Map(),
    contactIdsByEmail: new Map(),
    tags: new Map(),
    fields: new Map(),
    courses: new Map(),
    enrollments: new Map(),
    communities: new Map(),
    memberships: new Map(),
    subscriptions: new Map(),
    subscriptionSales: new Map(),
    newsletters: new Map(),
    webhooks: new Map(),
    rules: new Map(),
    nextContactId: 1,
    nextTagId: 1,
    nextCourseId: 1,
    nextModuleId: 1,
    nextEnrollmentId: 1,
    nextCommunityId: 1,
    nextMembershipId: 1,
    nextSubscriptionId: 1,
    nextNewsletterId: 1,
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
    get communities() {
      return byKey(current().communities);
    },
    get memberships() {
      return byKey(current().memberships);
    },
    get subscriptions() {
      return byKey(current().subscriptions);
    },
    get newsletters() {
      return byKey(current().newsletters);
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
        typeof idOrName === 'number' ? current().tags.get(idOrName) : [...current().tags.values()].find((t) => t.name === idOrName);
      return found === undefined ? undefined : structuredClone(found);
    },
    getSubscriptionSale(subscriptionId) {
      const sale = current().subscriptionSales.get(subscriptionId);
      return sale === undefined ? undefined : structuredClone(sale);
    },
  };
}

export function findContact(state: ApiState, idOrEmail: number | string): ApiContact | undefined {
  if (typeof idOrEmail === 'number') return state.contacts.get(idOrEmail);
  const id = state.contactIdsByEmail.get(idOrEmail.toLowerCase());
  return id === undefined ? undefined : state.contacts.get(id);
}

/** Changes a stored contact's email, keeping the email index in step. */
export function setContactEmail(state: ApiState, contact: ApiContact, email: string): void {
  state.contactIdsByEmail.delete(contact.email.toLowerCase());
  contact.email = email;
  state.contactIdsByEmail.set(email.toLowerCase(), contact.id);
}

/** Removes a contact with everything that names it: enrollments, memberships (subscriptions stay: sales are history). */
export function deleteContact(state: ApiState, id: number): boolean {
  const contact = state.contacts.get(id);
  if (contact === undefined) return false;
  state.contacts.delete(id);
  state.contactIdsByEmail.delete(contact.email.toLowerCase());
  for (const [key, e] of state.enrollments) if (e.contact.id === id) state.enrollments.delete(key);
  for (const [key, m] of state.memberships) if (m.contact.id === id) state.memberships.delete(key);
  return true;
}

// Counters stay above every stored id, so created resources never collide with seeded ones. Each put
// bumps with its own id only: rescanning every key per put made seeding quadratic (issue 10 case 21).
function above(counter: number, id: number): number {
  return id >= counter ? id + 1 : counter;
}

/** Adds a tag (or returns the one with that name) to the state. */
export function putTag(state: ApiState, input: TagInput, now: Date): ApiTag {
  const { id, name, createdAt } = typeof input === 'string' ? { id: undefined, name: input, createdAt: undefined } : input;
  const byId = id === undefined ? undefined : state.tags.get(id);
  if (byId !== undefined) return byId;
  for (const t of state.tags.values()) if (t.name === name) return t;
  const tag: ApiTag = { id: id ?? state.nextTagId, name, createdAt: createdAt ?? formatAtomDate(now) };
  state.tags.set(tag.id, tag);
  state.nextTagId = above(state.nextTagId, tag.id);
  return tag;
}

/** A URL path segment from a name, as systeme.io builds course and community paths (*assumed*). */
export function slugifyPath(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'item' : slug;
}

/** Defaults for courses and communities: the account's domain and language. */
export interface AccountDefaults {
  domainName: string;
  locale: string;
}

/** Adds a course to the state. Module names get ids; given module ids are kept. */
export function putCourse(state: ApiState, input: CourseInput, account: AccountDefaults): ApiCourse {
  const modules = (input.modules ?? []).map((m) => {
    const { id, name } = typeof m === 'string' ? { id: undefined, name: m } : m;
    const module = { id: id ?? state.nextModuleId, name };
    state.nextModuleId = above(state.nextModuleId, module.id);
    return module;
  });
  const course: ApiCourse = {
    id: input.id ?? state.nextCourseId,
    name: input.name,
    active: input.active ?? true,
    description: input.description ?? null,
    path: input.path ?? slugifyPath(input.name),
    domainName: input.domainName ?? account.domainName,
    locale: input.locale ?? account.locale,
    modules,
  };
  state.courses.set(course.id, course);
  state.nextCourseId = above(state.nextCourseId, course.id);
  return course;
}

/** Adds a community to the state. */
export function putCommunity(state: ApiState, input: CommunityInput, account: AccountDefaults): ApiCommunity {
  const community: ApiCommunity = {
    id: input.id ?? state.nextCommunityId,
    name: input.name,
    path: input.path ?? slugifyPath(input.name),
    domainName: input.domainName ?? account.domainName,
  };
  state.communities.set(community.id, community);
  state.nextCommunityId = above(state.nextCommunityId, community.id);
  return community;
}

/** Stores a subscription with the sale it came from. */
export function putSubscription(state: ApiState, subscription: ApiSubscription, sale: Record<string, unknown>): ApiSubscription {
  state.subscriptions.set(subscription.id, subscription);
  state.subscriptionSales.set(subscription.id, sale);
  state.nextSubscriptionId = above(state.nextSubscriptionId, subscription.id);
  return subscription;
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
  const replaced = state.contacts.get(contact.id);
  if (replaced !== undefined) state.contactIdsByEmail.delete(replaced.email.toLowerCase());
  state.contacts.set(contact.id, contact);
  state.contactIdsByEmail.set(contact.email.toLowerCase(), contact.id);
  state.nextContactId = above(state.nextContactId, contact.id);
  return contact;
}
