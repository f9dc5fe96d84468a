/**
 * The API mock driven by real clients of api.systeme.io: each client's requests re-created from its public
 * source (method, path, query, body, headers, paging loop and fallbacks), run through
 * `setupServer(...api.handlers)`, asserting what that client reads. The sources (reference data, no code
 * copied; the request shapes are restated here):
 *
 * 1. activepieces, current piece: `activepieces/activepieces` `packages/pieces/community/systeme-io/`
 *    (`common/client.ts` paging as its `test/systeme-io.test.ts` pins it: `limit=100`, `startingAfter` =
 *    last id, a pagination 422 retried at 50/20/10; `common/operations.ts`, `common/dropdowns.ts`,
 *    `common/mappers.ts`, `actions/*.ts`, `actions/ai/*.ts`, `test/requests.test.ts`).
 * 2. activepieces, older piece: the same `common/client.ts` at commit 0ca86d8 (`getContacts` with
 *    `limit=50`, `getTags` unpaged, `createWebhook` with `subscriptions: [eventType]`).
 * 3. Airbyte `source-systeme`: `airbytehq/airbyte`
 *    `airbyte-integrations/connectors/source-systeme/manifest.yaml` (check stream `communities`; five
 *    streams paged with `limit=100` and `startingAfter={{ last_record['id'] }}` until `hasMore` is false;
 *    schemas auto-imported from live responses).
 * 4. n8n template 2368 "Systeme.io contacts and tags" (n8n.io creator solomon; described in
 *    `gao51-qw/n8nworkflow.com` `public/data/workflows/2368/description.md`): HTTP Request nodes paging
 *    `startingAfter={{ $response.body.items.last().id }}` until `hasMore == false`, `limit=100`.
 */
import { Ajv } from 'ajv';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemeApi } from '../../src/msw/index.js';

const BASE = 'https://api.systeme.io/api';
const KEY = 'client-key';

// An account big enough that every list needs more than one page of 100.
const api = createSystemeApi({
  apiKey: KEY,
  seed: 11,
  contacts: 230,
  courses: 104,
  communities: 103,
  tags: Array.from({ length: 120 }, (_, i) => `Segment ${i + 1}`),
});
const server = setupServer(...api.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

type Json = Record<string, unknown>;
type Page = { items: Json[]; hasMore: boolean };

// ------------------------------------------------------------------ activepieces (current)

/** activepieces `common/client.ts` `apiCall`: `X-API-Key`, JSON content type, throws on >= 400 with the detail. */
async function apCall(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text === '' ? undefined : (JSON.parse(text) as Json);
  return { status: response.status, body: parsed };
}

/**
 * activepieces `systemeIoCommon.paginate`: query first, then `limit` (100, or 50/20/10 after a pagination
 * 422), then `startingAfter`; stops at `hasMore: false` or `maxItems`.
 */
async function apPaginate(path: string, query: Record<string, string | number | undefined> = {}, maxItems = 1000) {
  const items: Json[] = [];
  const limits = [100, 50, 20, 10];
  let cursor: unknown;
  let requests = 0;
  for (;;) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    params.set('limit', String(limits[0]));
    if (cursor !== undefined) params.set('startingAfter', String(cursor));
    const { status, body } = await apCall('GET', `${path}?${params}`);
    requests += 1;
    if (status === 422 && String(body?.['detail']).startsWith('pagination.limit') && limits.length > 1) {
      limits.shift();
      continue;
    }
    expect(status).toBe(200);
    const page = body as unknown as Page;
    items.push(...page.items);
    if (!page.hasMore || items.length >= maxItems) {
      return { items: items.slice(0, maxItems), hasMore: page.hasMore || items.length > maxItems, requests };
    }
    cursor = page.items.at(-1)!['id'];
  }
}

/** `common/mappers.ts` rows: what the piece hands its users. */
const enrollmentRow = (e: Json) => {
  const course = (e['course'] ?? {}) as Json;
  const contact = (e['contact'] ?? {}) as Json;
  return {
    id: e['id'],
    access_type: e['accessType'],
    active: e['active'],
    course_id: course['id'],
    course_name: course['name'],
    contact_id: contact['id'],
    contact_email: contact['email'],
  };
};
const courseRow = (c: Json) => ({
  id: c['id'],
  name: c['name'],
  active: c['active'],
  description: c['description'],
  path: c['path'],
  domain_name: c['domainName'],
  locale: c['locale'],
  modules: ((c['modules'] ?? []) as Json[]).map((m) => ({ id: m['id'], name: m['name'] })),
});
const subscriptionRow = (s: Json) => {
  const plan = (s['pricePlan'] ?? {}) as Json;
  const recurring = (plan['recurringOptions'] ?? {}) as Json;
  return {
    id: s['id'],
    status: s['status'],
    created_at: s['createdAt'],
    cancelled_at: s['cancelledAt'],
    completed_at: s['completedAt'],
    price_plan_id: plan['id'],
    amount: plan['amount'],
    currency: plan['currency'],
    interval: recurring['interval'],
    interval_count: recurring['intervalCount'],
  };
};

function expectUniqueIds(items: Json[]): void {
  expect(new Set(items.map((i) => i['id'])).size).toBe(items.length);
}

describe('activepieces (current piece)', () => {
  const contacts = () => api.store.contacts;

  it('find_contacts: tags=A,B lists contacts with all of the tags (actions/find-contacts.ts "Has All Tags")', async () => {
    const [a, b] = api.store.tags.filter((t) => t.name.startsWith('Segment ')).slice(0, 2);
    const [both, onlyA, onlyB] = contacts()
      .filter((c) => !c.unsubscribed)
      .slice(0, 3);
    for (const [contact, tag] of [
      [both, a],
      [both, b],
      [onlyA, a],
      [onlyB, b],
    ] as const) {
      expect((await apCall('POST', `/contacts/${contact!.id}/tags`, { tagId: tag!.id })).status).toBe(204);
    }
    const page = await apPaginate('/contacts', {
      tags: `${a!.id},${b!.id}`,
      unsubscribed: 'false',
      registeredAfter: '2000-01-01T00:00:00.000Z',
    });
    expect(page.items.map((c) => c['id'])).toEqual([both!.id]);
    expect(page.requests).toBe(1);
  });

  it('find_contact_by_email: ?email= as typed with limit=10 finds one contact, ignoring case', async () => {
    const target = contacts()[5]!;
    const { status, body } = await apCall('GET', `/contacts?email=${encodeURIComponent(target.email.toUpperCase())}&limit=10`);
    expect(status).toBe(200);
    expect((body as unknown as Page).items.map((c) => c['id'])).toEqual([target.id]);
  });

  it('contact picker: pages /contacts to 100 items and says more remain', async () => {
    const page = await apPaginate('/contacts', {}, 100);
    expect(page.items).toHaveLength(100);
    expect(page.hasMore).toBe(true);
    expectUniqueIds(page.items);
    expect(page.items.map((c) => c['id'])).toEqual(
      contacts()
        .map((c) => c.id)
        .sort((x, y) => y - x)
        .slice(0, 100),
    );
  });

  it('create_tag (common/operations.ts): ?query= finds no exact match, POST /tags creates it, the next call finds it', async () => {
    const search = await apPaginate('/tags', { query: 'Webinar 2026' });
    expect(search.items).toEqual([]);
    const created = await apCall('POST', '/tags', { name: 'Webinar 2026' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'Webinar 2026',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
    });
    const again = await apPaginate('/tags', { query: 'webinar 2026' });
    expect(again.items.map((t) => t['name'])).toEqual(['Webinar 2026']);
  });

  it('tag picker: pages every tag to the end without duplicates', async () => {
    const page = await apPaginate('/tags');
    expect(page.hasMore).toBe(false);
    expectUniqueIds(page.items);
    expect(page.items).toHaveLength(api.store.tags.length);
    expect(page.requests).toBe(Math.ceil(api.store.tags.length / 100));
  });

  it('add and remove a tag: POST /contacts/{id}/tags {tagId} 204; GET /contacts/{id}; DELETE .../tags/{tagId} 204', async () => {
    const contact = contacts()[7]!;
    const tag = api.store.getTag('Segment 50')!;
    expect((await apCall('POST', `/contacts/${contact.id}/tags`, { tagId: tag.id })).status).toBe(204);
    const read = await apCall('GET', `/contacts/${contact.id}`);
    expect((read.body!['tags'] as Json[]).some((t) => t['id'] === tag.id && t['name'] === 'Segment 50')).toBe(true);
    expect((await apCall('DELETE', `/contacts/${contact.id}/tags/${tag.id}`)).status).toBe(204);
  });

  it('update_contact: PATCH merge-patch {locale, fields:[{slug, value}]} answers the contact', async () => {
    const contact = contacts()[8]!;
    const { status, body } = await apCall(
      'PATCH',
      `/contacts/${contact.id}`,
      { locale: 'fr', fields: [{ slug: 'first_name', value: 'Jeanne' }] },
      { 'Content-Type': 'application/merge-patch+json' },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: contact.id, locale: 'fr' });
    expect(body!['fields']).toContainEqual({ fieldName: expect.any(String), slug: 'first_name', value: 'Jeanne' });
  });

  it('systeme_list_contact_fields: one unpaged GET /contact_fields returns every field', async () => {
    api.seed({
      contacts: [{ email: 'many.fields@example.com', fields: Array.from({ length: 12 }, (_, i) => ({ slug: `custom_${i}`, value: 'x' })) }],
    });
    const { status, body } = await apCall('GET', '/contact_fields');
    expect(status).toBe(200);
    const page = body as unknown as Page;
    expect(page.hasMore).toBe(false);
    expect(page.items.length).toBeGreaterThan(12);
    expect(page.items).toHaveLength(api.store.contactFields.length);
    for (const f of page.items) expect(Object.keys(f).sort()).toEqual(['fieldName', 'slug']);
  });

  it('course picker: pages /school/courses to the end, rows as courseRow reads them', async () => {
    const page = await apPaginate('/school/courses');
    expect(page.items).toHaveLength(104);
    expect(page.requests).toBe(2);
    expectUniqueIds(page.items);
    for (const row of page.items.map(courseRow)) {
      expect(row).toEqual({
        id: expect.any(Number),
        name: expect.any(String),
        active: true,
        description: row.description === null ? null : expect.any(String),
        path: expect.stringMatching(/^[a-z0-9-]+$/),
        domain_name: expect.stringMatching(/\.systeme\.io$/),
        locale: expect.any(String),
        modules: expect.arrayContaining([{ id: expect.any(Number), name: expect.any(String) }]),
      });
    }
    const name = String(page.items[3]!['name']);
    const search = await apPaginate('/school/courses', { query: name.slice(0, 6) }, 100);
    expect(search.items.map((c) => c['name'])).toContain(name);
    for (const c of search.items) expect(String(c['name']).toLowerCase()).toContain(name.slice(0, 6).toLowerCase());
  });

  it('systeme_list_courses: active=false lists only inactive courses (three states)', async () => {
    const [old] = api.seed({ courses: [{ name: 'Retired course', active: false }] }).courses;
    const inactive = await apPaginate('/school/courses', { active: 'false' });
    expect(inactive.items.map((c) => c['id'])).toEqual([old!.id]);
    const active = await apPaginate('/school/courses', { active: 'true' });
    expect(active.items.some((c) => c['id'] === old!.id)).toBe(false);
    expect((await apCall('GET', '/school/courses?active=maybe')).status).toBe(422);
  });

  it('module picker: pages /school/course-modules?courseId= for the course', async () => {
    const course = api.store.courses[0]!;
    const page = await apPaginate('/school/course-modules', { courseId: course.id });
    // Newest first, like every list without `order=asc`.
    expect(page.items).toEqual([...course.modules].sort((a, b) => b.id - a.id));
    expect(page.items.length).toBeGreaterThanOrEqual(2);
  });

  it('enroll_contact_in_course: four access types, modules for the partial ones; the answer maps to enrollmentRow', async () => {
    const course = api.store.courses[1]!;
    const contact = contacts()[10]!;
    const moduleIds = course.modules.map((m) => m.id).slice(0, 1);
    for (const accessType of ['full_access', 'partial_access', 'dripping_content', 'partial_dripping_access']) {
      const partial = accessType.startsWith('partial');
      const { status, body } = await apCall('POST', `/school/courses/${course.id}/enrollments`, {
        contactId: contact.id,
        accessType,
        ...(partial ? { modules: moduleIds } : {}),
      });
      expect(status).toBe(201);
      expect(enrollmentRow(body!)).toEqual({
        id: expect.any(Number),
        access_type: accessType,
        active: true,
        course_id: course.id,
        course_name: course.name,
        contact_id: contact.id,
        contact_email: contact.email,
      });
      expect(body!['createdAt']).toMatch(/\+00:00$/);
      expect(body!['modules']).toEqual(partial ? moduleIds : []);
    }
  });

  it("systeme_list_enrollments: ?course=&contact= lists that contact's enrollments in that course", async () => {
    const course = api.store.courses[1]!;
    const contact = contacts()[10]!;
    const other = contacts()[11]!;
    await apCall('POST', `/school/courses/${course.id}/enrollments`, { contactId: other.id, accessType: 'full_access' });
    const page = await apPaginate('/school/enrollments', { course: course.id, contact: contact.id });
    expect(page.items).toHaveLength(4);
    for (const row of page.items.map(enrollmentRow)) expect([row.course_id, row.contact_id]).toEqual([course.id, contact.id]);
  });

  it('remove_course_enrollment: lists by course and contact, deletes each match (204), then none remain', async () => {
    const course = api.store.courses[1]!;
    const contact = contacts()[10]!;
    const listed = await apPaginate('/school/enrollments', { course: course.id, contact: contact.id });
    const ids = listed.items
      .filter((e) => (e['course'] as Json)['id'] === course.id && (e['contact'] as Json)['id'] === contact.id)
      .map((e) => e['id']);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect((await apCall('DELETE', `/school/enrollments/${String(id)}`)).status).toBe(204);
    expect((await apCall('DELETE', `/school/enrollments/${String(ids[0])}`)).status).toBe(404);
    expect((await apPaginate('/school/enrollments', { course: course.id, contact: contact.id })).items).toEqual([]);
  });

  it('systeme_list_communities: pages /community/communities?query= with {id, name, path, domainName}', async () => {
    const all = await apPaginate('/community/communities');
    expect(all.items).toHaveLength(103);
    expectUniqueIds(all.items);
    for (const c of all.items) expect(Object.keys(c).sort()).toEqual(['domainName', 'id', 'name', 'path']);
    const name = String(all.items[0]!['name']);
    const found = await apPaginate('/community/communities', { query: name.toUpperCase() });
    expect(found.items.map((c) => c['name'])).toContain(name);
  });

  it('add_contact_to_community: POST {contactId} answers 202; the membership is listed by community and contact', async () => {
    const community = api.store.communities[0]!;
    const contact = contacts()[12]!;
    const { status } = await apCall('POST', `/community/communities/${community.id}/memberships`, { contactId: contact.id });
    expect(status).toBe(202);
    const page = await apPaginate('/community/memberships', { community: community.id, contact: contact.id });
    expect(page.items).toEqual([
      {
        id: expect.any(Number),
        community: { id: community.id, name: community.name },
        contact: { id: contact.id, email: contact.email },
        createdAt: expect.any(String),
      },
    ]);
  });

  it('remove_contact_from_community: deletes only the matching membership (204), then 404', async () => {
    const community = api.store.communities[0]!;
    const contact = contacts()[12]!;
    await apCall('POST', `/community/communities/${community.id}/memberships`, { contactId: contacts()[13]!.id });
    const page = await apPaginate('/community/memberships', { community: community.id, contact: contact.id });
    const ids = page.items.filter((m) => (m['contact'] as Json)['id'] === contact.id).map((m) => m['id']);
    expect(ids).toHaveLength(1);
    expect((await apCall('DELETE', `/community/memberships/${String(ids[0])}`)).status).toBe(204);
    expect((await apCall('DELETE', `/community/memberships/${String(ids[0])}`)).status).toBe(404);
    expect(
      (await apPaginate('/community/memberships', { community: community.id })).items.map((m) => (m['contact'] as Json)['id']),
    ).toEqual([contacts()[13]!.id]);
  });

  it('systeme_list_subscriptions: ?contact= rows with status, dates and price plan; none without contact (422)', async () => {
    const subscription = api.store.subscriptions[0]!;
    const page = await apPaginate('/payment/subscriptions', { contact: subscription.contact.id });
    expect(page.items.map(subscriptionRow)).toContainEqual({
      id: subscription.id,
      status: 'active',
      created_at: expect.stringMatching(/\+00:00$/),
      cancelled_at: null,
      completed_at: null,
      price_plan_id: expect.any(Number),
      amount: expect.any(Number),
      currency: expect.any(String),
      interval: expect.stringMatching(/^(day|week|month|year)$/),
      interval_count: expect.any(Number),
    });
    const bare = await apCall('GET', '/payment/subscriptions?limit=100');
    expect(bare).toMatchObject({ status: 422, body: { detail: 'contact: This value should be positive.' } });
  });

  it('cancel_subscription: checks ownership, cancels at period end (204), a repeat 422 converges on "already cancelled"', async () => {
    const subscription = api.store.subscriptions[1]!;
    const owned = await apPaginate('/payment/subscriptions', { contact: subscription.contact.id });
    expect(owned.items.some((s) => s['id'] === subscription.id)).toBe(true);
    expect((await apCall('POST', `/payment/subscriptions/${subscription.id}/cancel`, { cancel: 'WhenBillingPeriodEnds' })).status).toBe(
      204,
    );
    const repeat = await apCall('POST', `/payment/subscriptions/${subscription.id}/cancel`, { cancel: 'WhenBillingPeriodEnds' });
    expect(repeat.status).toBe(422);
    const after = (await apPaginate('/payment/subscriptions', { contact: subscription.contact.id })).items.find(
      (s) => s['id'] === subscription.id,
    )!;
    // The piece's isAlreadyCancelled: active with a cancelledAt means "ends with the period".
    expect(after['status']).toBe('active');
    expect(after['cancelledAt']).toMatch(/\+00:00$/);
    expect((await apCall('POST', `/payment/subscriptions/${subscription.id}/cancel`, { cancel: 'Now' })).status).toBe(204);
    const now = (await apPaginate('/payment/subscriptions', { contact: subscription.contact.id })).items.find(
      (s) => s['id'] === subscription.id,
    )!;
    expect(now['status']).toBe('cancelled');
  });

  it('trigger onEnable/onDisable: {event, schemaVersion} subscriptions, name-clash recovery, 404 on a second delete', async () => {
    const hook = {
      name: 'Activepieces Webhook - SALE_CANCELED - abc',
      url: 'https://ap.example.com/v1/webhooks/abc',
      subscriptions: [{ event: 'SALE_CANCELED', schemaVersion: 2 }],
      secret: 'a1b2c3',
    };
    const first = await apCall('POST', '/webhooks', hook);
    expect(first.status).toBe(201);
    expect(first.body!['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const clash = await apCall('POST', '/webhooks', { ...hook, url: 'https://ap.example.com/v1/webhooks/abc-new' });
    expect(clash).toMatchObject({
      status: 422,
      body: { detail: 'name: This value is already used.', violations: [{ propertyPath: 'name', message: 'This value is already used.' }] },
    });
    const listed = await apPaginate('/webhooks');
    const ours = listed.items.find((w) => w['name'] === hook.name)!;
    expect((await apCall('DELETE', `/webhooks/${String(ours['id'])}`)).status).toBe(204);
    const retried = await apCall('POST', '/webhooks', { ...hook, url: 'https://ap.example.com/v1/webhooks/abc-new' });
    expect(retried.status).toBe(201);
    expect((await apCall('DELETE', `/webhooks/${String(retried.body!['id'])}`)).status).toBe(204);
    expect((await apCall('DELETE', `/webhooks/${String(retried.body!['id'])}`)).status).toBe(404);
  });

  it('delete_contact: 204, then 404 (the piece converges on not_found)', async () => {
    const contact = contacts().at(-1)!;
    expect((await apCall('DELETE', `/contacts/${contact.id}`)).status).toBe(204);
    expect((await apCall('DELETE', `/contacts/${contact.id}`)).status).toBe(404);
  });
});

// ------------------------------------------------------------------ activepieces (older client.ts)

describe('activepieces (older common/client.ts, commit 0ca86d8)', () => {
  it('createWebhook posts subscriptions as [eventType] and reads {id}; deleteWebhook answers 204', async () => {
    const { status, body } = await apCall('POST', '/webhooks', {
      name: 'Activepieces Webhook - CONTACT_CREATED',
      url: 'https://ap.example.com/v1/webhooks/old',
      subscriptions: ['CONTACT_CREATED'],
      secret: 'old-secret',
    });
    expect(status).toBe(201);
    expect(body!['subscriptions']).toEqual([{ event: 'CONTACT_CREATED', schemaVersion: 1 }]);
    expect((await apCall('DELETE', `/webhooks/${String(body!['id'])}`)).status).toBe(204);
  });

  it('getContacts pages with limit=50 and startingAfter to the end without duplicates', async () => {
    const seen: Json[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const params = new URLSearchParams({ limit: '50' });
      if (startingAfter) params.append('startingAfter', startingAfter);
      const { status, body } = await apCall('GET', `/contacts?${params.toString()}`);
      expect(status).toBe(200);
      const page = body as unknown as Page;
      seen.push(...page.items);
      if (!page.hasMore) break;
      startingAfter = String(page.items.at(-1)!['id']);
    }
    expectUniqueIds(seen);
    expect(seen).toHaveLength(api.store.contacts.length);
  });

  it('getContact reads /contacts/{id}', async () => {
    const contact = api.store.contacts[2]!;
    expect(await apCall('GET', `/contacts/${contact.id}`)).toEqual({ status: 200, body: contact });
  });

  it('getTags reads unpaged /tags: one page of the default size (10), hasMore true', async () => {
    const { status, body } = await apCall('GET', '/tags');
    expect(status).toBe(200);
    const page = body as unknown as Page;
    expect(page.items).toHaveLength(10);
    expect(page.hasMore).toBe(true);
  });
});

// ------------------------------------------------------------------ Airbyte source-systeme

/**
 * The manifest's stream schemas, restated as property -> JSON types (auto-imported by Airbyte from live
 * responses; `id` is required where the manifest says so). Ajv checks every record: an independent oracle.
 */
const AIRBYTE_STREAMS: Record<string, { path: string; required: string[]; properties: Record<string, unknown> }> = {
  communities: {
    path: 'community/communities',
    required: ['id'],
    properties: {
      id: { type: 'number' },
      name: { type: ['string', 'null'] },
      path: { type: ['string', 'null'] },
      domainName: { type: ['string', 'null'] },
    },
  },
  contacts: {
    path: 'contacts',
    required: ['id'],
    properties: {
      id: { type: 'number' },
      email: { type: ['string', 'null'] },
      locale: { type: ['string', 'null'] },
      registeredAt: { type: ['string', 'null'] },
      bounced: { type: ['boolean', 'null'] },
      unsubscribed: { type: ['boolean', 'null'] },
      needsConfirmation: { type: ['boolean', 'null'] },
      fields: {
        type: ['array', 'null'],
        items: {
          type: ['object', 'null'],
          properties: { fieldName: { type: ['string', 'null'] }, slug: { type: ['string', 'null'] }, value: { type: ['string', 'null'] } },
        },
      },
      tags: {
        type: ['array', 'null'],
        items: { type: ['object', 'null'], properties: { id: { type: ['number', 'null'] }, name: { type: ['string', 'null'] } } },
      },
    },
  },
  tags: {
    path: 'tags',
    required: ['id'],
    properties: { id: { type: 'number' }, name: { type: ['string', 'null'] }, createdAt: { type: ['string', 'null'] } },
  },
  contact_fields: {
    path: 'contact_fields',
    required: [],
    properties: { fieldName: { type: ['string', 'null'] }, slug: { type: ['string', 'null'] } },
  },
  course_resources: {
    path: 'school/courses',
    required: ['id'],
    properties: {
      id: { type: 'number' },
      name: { type: ['string', 'null'] },
      active: { type: ['boolean', 'null'] },
      path: { type: ['string', 'null'] },
      domainName: { type: ['string', 'null'] },
      locale: { type: ['string', 'null'] },
      modules: {
        type: ['array', 'null'],
        items: { type: ['object', 'null'], properties: { id: { type: ['number', 'null'] }, name: { type: ['string', 'null'] } } },
      },
    },
  },
};

/**
 * Airbyte's declarative `SimpleRetriever` with `CursorPagination`: `limit=100`, `startingAfter` =
 * `last_record['id']`, stop when `hasMore` is false or the cursor value is empty; records from `items`.
 */
async function readAirbyteStream(path: string) {
  const records: Json[] = [];
  let token: unknown;
  let requests = 0;
  for (;;) {
    const url = new URL(`${BASE}/${path}`);
    url.searchParams.set('limit', '100');
    if (token !== undefined) url.searchParams.set('startingAfter', String(token));
    const response = await fetch(url, { headers: { 'X-API-Key': KEY, accept: 'application/json' } });
    requests += 1;
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    records.push(...page.items);
    const next = page.items.at(-1)?.['id'];
    if (page.hasMore === false || next === undefined || next === null || next === '') return { records, requests };
    token = next;
  }
}

describe('Airbyte source-systeme (manifest.yaml)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });

  it('check: GET community/communities?limit=100 answers 200 with items', async () => {
    const response = await fetch(`${BASE}/community/communities?limit=100`, { headers: { 'X-API-Key': KEY, accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Page).items).toHaveLength(100);
  });

  for (const [stream, { path, required, properties }] of Object.entries(AIRBYTE_STREAMS)) {
    it(`stream ${stream}: pages to the end, unique primary keys, every record valid against the live-imported schema`, async () => {
      const validate = ajv.compile({ type: 'object', required, properties, additionalProperties: true });
      const { records, requests } = await readAirbyteStream(path);
      const invalid = records.filter((r) => !validate(r)).map((r) => JSON.stringify(r).slice(0, 120));
      expect(invalid).toEqual([]);
      if (required.includes('id')) expectUniqueIds(records);
      const expected = {
        communities: api.store.communities.length,
        contacts: api.store.contacts.length,
        tags: api.store.tags.length,
        contact_fields: api.store.contactFields.length,
        course_resources: api.store.courses.length,
      }[stream]!;
      expect(records).toHaveLength(expected);
      // contact_fields has no id: Airbyte's cursor is empty after page one, so the whole list must come at once.
      expect(requests).toBe(stream === 'contact_fields' ? 1 : Math.ceil((expected + (expected % 100 === 0 ? 1 : 0)) / 100));
    });
  }
});

// ------------------------------------------------------------------ n8n template 2368

/** n8n's HTTP Request node with pagination: `startingAfter={{ $response.body.items.last().id }}` until `hasMore == false`. */
async function n8nPaginate(path: string, query: Record<string, string>) {
  const items: Json[] = [];
  let startingAfter: unknown;
  for (;;) {
    const params = new URLSearchParams(query);
    if (startingAfter !== undefined) params.set('startingAfter', String(startingAfter));
    const response = await fetch(`${BASE}${path}?${params}`, { headers: { 'X-API-Key': KEY } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    items.push(...page.items);
    // biome-ignore lint/suspicious/noDoubleEquals: the client's own comparison, re-created as it is written.
    if (page.hasMore == false) return items;
    startingAfter = page.items.at(-1)!['id'];
  }
}

describe('n8n template 2368 (Systeme.io contacts and tags)', () => {
  it('"Get all contacts": limit=100, every contact once', async () => {
    const items = await n8nPaginate('/contacts', { limit: '100' });
    expectUniqueIds(items);
    expect(items).toHaveLength(api.store.contacts.length);
  });

  it('"Get All tags": limit=100, every tag once', async () => {
    const items = await n8nPaginate('/tags', { limit: '100' });
    expectUniqueIds(items);
    expect(items.map((t) => t['id'])).toEqual(api.store.tags.map((t) => t.id).sort((a, b) => b - a));
  });

  it('"Get contacts with tag": limit=100&tags=<one id> lists exactly the contacts with it', async () => {
    const tag = api.store.tags[0]!;
    const items = await n8nPaginate('/contacts', { limit: '100', tags: String(tag.id) });
    const expected = api.store.contacts.filter((c) => c.tags.some((t) => t.id === tag.id)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((c) => c['id']).sort()).toEqual(expected.sort());
  });

  it('"Add contact": POST {email, fields:[{slug: utm_source, value: API}]} creates the contact once the field exists', async () => {
    const post = () =>
      fetch(`${BASE}/contacts`, {
        method: 'POST',
        headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'lead.from.n8n@example.com', fields: [{ slug: 'utm_source', value: 'API' }] }),
      });
    const unknownField = await post();
    expect(unknownField.status).toBe(422);
    expect(((await unknownField.json()) as Json)['detail']).toBe('fields[0].slug: This value is not a valid contact field.');
    const field = await fetch(`${BASE}/contact_fields`, {
      method: 'POST',
      headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fieldName: 'UTM source', slug: 'utm_source' }),
    });
    expect(field.status).toBe(201);
    const created = await post();
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      email: 'lead.from.n8n@example.com',
      fields: [{ fieldName: 'UTM source', slug: 'utm_source', value: 'API' }],
    });
  });
});
