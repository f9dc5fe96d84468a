import {
  CONTACT_POOL,
  contactIndexOf,
  createWorldContact,
  profileOfContact,
  type ContactView,
  type ScopeOverrides,
} from '../world/event-scope.js';
import type { ApiContact, ApiContactField } from './api-types.js';
import type { ApiState } from './create-api-store.js';
import type { EmitContext } from './handle-api-request.js';

/** `[]` for a contact without fields (PHP's empty array), else `{slug: value}`, as both dialects send them. */
export function fieldsBySlug(contact: ApiContact): Record<string, string> | never[] {
  const entries = contact.fields.filter((f) => f.value !== null).map((f) => [f.slug, f.value as string] as const);
  return entries.length === 0 ? [] : Object.fromEntries(entries);
}

interface WorldSide {
  readonly profile: ReturnType<typeof profileOfContact>;
  readonly own: ContactView | null;
}

// A test emits many events about a few store contacts: their world side is built once.
const worldSides = new Map<string, WorldSide>();

function worldSideOf(seed: string, worldNowMs: number, id: number): WorldSide {
  const key = `${seed}|${worldNowMs}|${id}`;
  let side = worldSides.get(key);
  if (side === undefined) {
    const k = contactIndexOf(id);
    // A contact seeded from the world keeps the world's IP and referrer; one the test made has neither.
    const world = k !== null && k < CONTACT_POOL ? createWorldContact(seed, k, worldNowMs) : null;
    side = { profile: profileOfContact(seed, id, worldNowMs), own: world !== null && world.id === id ? world : null };
    if (worldSides.size > 10_000) worldSides.clear();
    worldSides.set(key, side);
  }
  return side;
}

/** The world's view of a store contact: the store's values, and the person behind it for what the store lacks. */
export function toContactView(seed: string, worldNowMs: number, contact: ApiContact): ContactView {
  const { profile, own } = worldSideOf(seed, worldNowMs, contact.id);
  const fields = contact.fields.filter((f): f is ApiContactField & { value: string } => f.value !== null);
  const bySlug = fieldsBySlug(contact);
  return {
    id: contact.id,
    email: contact.email,
    firstName: (Array.isArray(bySlug) ? undefined : bySlug['first_name']) ?? profile.firstName,
    lastName: (Array.isArray(bySlug) ? undefined : bySlug['surname']) ?? profile.lastName,
    country: (Array.isArray(bySlug) ? undefined : bySlug['country']) ?? profile.country,
    locale: contact.locale,
    fieldsBySlug: bySlug,
    fieldList: fields.map((f) => ({ fieldName: f.fieldName, slug: f.slug, value: f.value })),
    ip: own?.ip ?? null,
    referredByContactId: own?.referredByContactId ?? null,
    referredByContactEmail: own?.referredByContactEmail ?? null,
    registeredAt: contact.registeredAt,
    sourceUrl: contact.sourceURL,
    unsubscribed: contact.unsubscribed,
    bounced: contact.bounced,
    needsConfirmation: contact.needsConfirmation,
    tags: contact.tags.map((t) => ({ id: t.id, name: t.name })),
    customerId: own?.customerId ?? profile.customerId,
    clientIp: own?.clientIp ?? profile.ip,
  };
}

/**
 * The store's objects as the world's scope: the event renders the store's contact, tag and course
 * wherever its template names them, in either dialect, and a sale's course and tag resources name
 * courses and tags the store lists. Without a course in the context, the event's course is one of the
 * store's, chosen by the event index.
 */
export function buildScopeOverrides(
  seed: string,
  worldNowMs: number,
  index: number,
  context: EmitContext,
  state: ApiState,
): ScopeOverrides {
  const courses = [...state.courses.values()].map((c) => ({ id: c.id, name: c.name, description: c.description }));
  const tags = [...state.tags.values()].map((t) => ({ id: t.id, name: t.name }));
  const course =
    context.course === undefined
      ? courses[index % Math.max(1, courses.length)]
      : { id: context.course.id, name: context.course.name, description: context.course.description };
  return {
    contact: context.contact === undefined ? undefined : toContactView(seed, worldNowMs, context.contact),
    tag: context.tag === undefined ? undefined : { id: context.tag.id, name: context.tag.name },
    course,
    enrollment: context.accessType === undefined ? undefined : { accessType: context.accessType },
    courses,
    tags,
  };
}
