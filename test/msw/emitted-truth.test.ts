import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { validatePayload } from '../../src/generate/index.js';
import { createSystemeApi, type ApiContact, type MockDelivery } from '../../src/msw/index.js';
import { createSeedCourse } from '../../src/msw/seed-world.js';

const EMITS_PER_TRIGGER = 2000;
const HOOK_URL = 'https://app.test/webhooks';
const RULE_URL = 'https://app.test/automation';

type Json = Record<string, unknown>;

/** The contact a payload is about, as {id, email, fields map}, in either dialect. */
function contactOf(trigger: string, payload: Json): { id: number; email: string; fields: unknown; whole?: Json } {
  if (trigger === 'SALE_NEW' || trigger === 'SALE_CANCELED') {
    const c = payload['customer'] as Json;
    return { id: c['contactId'] as number, email: c['email'] as string, fields: c['fields'] };
  }
  if (trigger === 'customer.sale.completed') {
    const c = (payload['data'] as Json)['customer'] as Json;
    return { id: c['contact_id'] as number, email: c['email'] as string, fields: c['fields'] };
  }
  if (trigger.includes('.')) {
    const c = (payload['data'] as Json)['contact'] as Json;
    return { id: c['id'] as number, email: c['email'] as string, fields: c['fields'] };
  }
  const c = payload['contact'] as Json;
  const list = c['fields'] as Array<{ slug: string; value: string }>;
  return {
    id: c['id'] as number,
    email: c['email'] as string,
    fields: list.length === 0 ? [] : Object.fromEntries(list.map((f) => [f.slug, f.value])),
    whole: c,
  };
}

/** Ids of the courses and tags a payload names (event tag and course, sale resources, a contact's tags). */
function namedObjects(trigger: string, payload: Json): { courses: number[]; tags: number[] } {
  const courses: number[] = [];
  const tags: number[] = [];
  const data = (payload['data'] ?? payload) as Json;
  if (data['tag'] !== undefined && data['tag'] !== null) tags.push((data['tag'] as Json)['id'] as number);
  if (trigger === 'contact.course.enrolled') courses.push((data['course'] as Json)['id'] as number);
  const contact = data['contact'] as Json | undefined;
  for (const tag of (contact?.['tags'] as Json[] | undefined) ?? []) tags.push(tag['id'] as number);
  const webhookResources = ((data['orderItem'] as Json | undefined)?.['resources'] as Json[] | undefined) ?? [];
  for (const r of webhookResources) {
    if (r['course'] !== null) courses.push((r['course'] as Json)['id'] as number);
    if (r['tag'] !== null) tags.push((r['tag'] as Json)['id'] as number);
  }
  const automationResources = ((data['order_item'] as Json | undefined)?.['resources'] as Json[] | undefined) ?? [];
  for (const r of automationResources) {
    if (r['type'] === 'membership_course') courses.push((r['data'] as Json)['id'] as number);
    if (r['type'] === 'systemeio_tag') tags.push((r['data'] as Json)['id'] as number);
  }
  return { courses, tags };
}

function fieldMap(contact: ApiContact): Record<string, string> | never[] {
  const entries = contact.fields.filter((f) => f.value !== null).map((f) => [f.slug, f.value as string]);
  return entries.length === 0 ? [] : Object.fromEntries(entries);
}

describe(`the MSW mock: ${EMITS_PER_TRIGGER} emits of each of the 17 triggers`, () => {
  beforeAll(() => {
    // The emitter posts with globalThis.fetch: every receiver answers 200 at once (the emitter reads
    // only status and text(), and a real Response costs more than the rest of an emit).
    vi.stubGlobal('fetch', async () => ({ status: 200, text: async () => 'ok' }));
  });
  afterAll(() => vi.unstubAllGlobals());

  it('every emitted body passes validatePayload (strict order) and names what the store lists, as the store has it', async () => {
    const api = createSystemeApi({ seed: 11, contacts: 60, courses: 2 });
    api.addWebhook({ url: HOOK_URL, secret: 'whsec-truth' });
    for (const trigger of BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'automation'))
      api.addAutomationRule({ trigger: trigger.id, url: RULE_URL });
    const contactIds = api.store.contacts.map((c) => c.id);
    const tagNames = ['VIP', 'Webinar attendee', 'Newsletter'];
    const problems: string[] = [];
    const unlisted: string[] = [];
    const mismatched: string[] = [];
    let checked = 0;
    let emptyBefore = 0;
    let courseIds = new Set<number>();
    let tagIds = new Set<number>();
    for (const trigger of BUILT_IN_TRIGGERS) {
      for (let i = 0; i < EMITS_PER_TRIGGER; i++) {
        // Mostly store contacts (many without fields), sometimes a new contact from the world.
        const contact = i % 10 === 9 ? undefined : contactIds[i % contactIds.length]!;
        const tag = trigger.effects.tag === undefined ? undefined : tagNames[i % tagNames.length]!;
        if (contact !== undefined && api.store.getContact(contact)!.fields.length === 0) emptyBefore++;
        const deliveries: MockDelivery[] = await api.emit(trigger.id, { contact, tag });
        expect(deliveries).toHaveLength(1);
        const payload = JSON.parse(deliveries[0]!.body) as Json;
        checked++;
        problems.push(...validatePayload(trigger.id, payload, { strictOrder: true }).map((p) => `${trigger.id} #${i}: ${p}`));
        const about = contactOf(trigger.id, payload);
        const stored = api.store.getContact(about.id);
        if (stored === undefined) {
          unlisted.push(`${trigger.id} #${i}: contact ${about.id}`);
          continue;
        }
        if (stored.email !== about.email || JSON.stringify(fieldMap(stored)) !== JSON.stringify(about.fields)) {
          mismatched.push(
            `${trigger.id} #${i}: contact ${about.id} ${about.email} ${JSON.stringify(about.fields)} vs store ${stored.email} ${JSON.stringify(fieldMap(stored))}`,
          );
        }
        if (about.whole !== undefined && JSON.stringify(about.whole) !== JSON.stringify(stored))
          mismatched.push(`${trigger.id} #${i}: contact ${about.id} differs from the store's`);
        const named = namedObjects(trigger.id, payload);
        // The store's lists are read again only when an id is not in the last copy (new contacts bring tags).
        if (named.courses.some((id) => !courseIds.has(id)) || named.tags.some((id) => !tagIds.has(id))) {
          courseIds = new Set(api.store.courses.map((c) => c.id));
          tagIds = new Set(api.store.tags.map((t) => t.id));
        }
        for (const id of named.courses) if (!courseIds.has(id)) unlisted.push(`${trigger.id} #${i}: course ${id}`);
        for (const id of named.tags) if (!tagIds.has(id)) unlisted.push(`${trigger.id} #${i}: tag ${id}`);
      }
    }
    expect(checked).toBe(EMITS_PER_TRIGGER * BUILT_IN_TRIGGERS.length);
    // Contacts without fields were emitted (and sales filled some of them in).
    expect(emptyBefore).toBeGreaterThan(100);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(unlisted.slice(0, 5)).toEqual([]);
    expect(mismatched.slice(0, 5)).toEqual([]);
  }, 300_000);

  it('fills the checkout fields of a contact without fields on a sale, in the store and the payload', async () => {
    const api = createSystemeApi({ seed: 12, contacts: [{ email: 'bare@example.com' }] });
    api.addWebhook({ url: HOOK_URL, secret: 'whsec-truth' });
    const [delivery] = await api.emit('SALE_NEW', { contact: 'bare@example.com' });
    const sale = JSON.parse(delivery!.body) as { customer: { fields: Record<string, string> } };
    const stored = api.store.getContact('bare@example.com')!;
    expect(stored.fields.map((f) => [f.slug, f.fieldName])).toEqual([
      ['first_name', 'First name'],
      ['surname', 'Surname'],
      ['country', 'Country'],
      ['postcode', 'Postcode'],
      ['city', 'City'],
      ['street_address', 'Street address'],
      ['phone_number', 'Phone number'],
    ]);
    expect(sale.customer.fields).toEqual(Object.fromEntries(stored.fields.map((f) => [f.slug, f.value])));
    expect(Object.values(sale.customer.fields).every((value) => value.length > 0)).toBe(true);
    expect(api.store.contactFields.map((f) => f.slug).sort()).toEqual([
      'city',
      'country',
      'first_name',
      'phone_number',
      'postcode',
      'street_address',
      'surname',
    ]);
    // A later contact event shows the filled fields: one field set per contact.
    const [later] = await api.emit('CONTACT_OPT_IN', { contact: 'bare@example.com' });
    expect((JSON.parse(later!.body) as { contact: { fields: unknown } }).contact.fields).toEqual(stored.fields);
  });

  it('applies what a sale grants: tag resources tag the buyer, course resources enroll them once', async () => {
    const api = createSystemeApi({ seed: 14, contacts: 5 });
    api.addWebhook({ url: HOOK_URL, secret: 'whsec-truth' });
    const buyer = api.store.contacts[0]!;
    let tagGrants = 0;
    let courseGrants = 0;
    for (let i = 0; i < 40; i++) {
      const [delivery] = await api.emit('SALE_NEW', { contact: buyer.id });
      const sale = JSON.parse(delivery!.body) as {
        orderItem: { resources: Array<{ course: { id: number } | null; tag: { id: number } | null; enrollmentAccessType: string | null }> };
      };
      const after = api.store.getContact(buyer.id)!;
      for (const resource of sale.orderItem.resources) {
        if (resource.tag !== null) {
          tagGrants++;
          expect(after.tags.map((t) => t.id)).toContain(resource.tag.id);
        }
        if (resource.course !== null) {
          courseGrants++;
          const enrollments = api.store.enrollments.filter((e) => e.contact.id === buyer.id && e.course.id === resource.course!.id);
          expect(enrollments).toHaveLength(1);
          expect(api.store.courses.map((c) => c.id)).toContain(resource.course.id);
        }
      }
    }
    expect(tagGrants).toBeGreaterThan(5);
    expect(courseGrants).toBeGreaterThan(5);
    // Tagged by a sale: a later tag event shows those tags on the contact, as the store has them.
    const [optIn] = await api.emit('CONTACT_OPT_IN', { contact: buyer.id });
    expect((JSON.parse(optIn!.body) as { contact: { tags: unknown } }).contact.tags).toEqual(api.store.getContact(buyer.id)!.tags);
  });

  it('seeds courses made before the world clock, so enrollments come after their course', async () => {
    const api = createSystemeApi({ seed: 13, courses: 5 });
    api.addAutomationRule({ trigger: 'contact.course.enrolled', url: RULE_URL });
    const [delivery] = await api.emit('contact.course.enrolled', { contact: api.store.contacts[0]!.id });
    const body = JSON.parse(delivery!.body) as { data: { course: { id: number } }; created_at: string };
    // The API shows no creation date for a course (no client reads one); the seeded course carries the world's.
    const seeded = Array.from({ length: 5 }, (_, k) => createSeedCourse(13, k)).find((c) => c.id === body.data.course.id)!;
    expect(Date.parse(seeded.createdAt)).toBeLessThan(Date.parse(body.created_at));
    expect(new Set(api.store.courses.map((c) => c.id)).size).toBe(5);
  });
});
