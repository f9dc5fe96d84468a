import got from 'got';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSystemeApi, VIOLATION_CODES, type ApiContact } from '../../src/msw/index.js';

const BASE = 'https://api.systeme.io/api';
const KEY = 'test-key';

const api = createSystemeApi({ apiKey: KEY, seed: 7 });
const server = setupServer(...api.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  api.reset();
});
afterAll(() => server.close());

/** The fetch client a user's app would use. */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'x-api-key': KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** The got client, the other way apps call the API. */
const client = got.extend({
  prefixUrl: BASE,
  headers: { 'x-api-key': KEY },
  throwHttpErrors: false,
  responseType: 'json',
  retry: { limit: 0 },
});

type Page<T> = { items: T[]; hasMore: boolean };

describe('contacts pagination', () => {
  it('walks every seeded contact exactly once with fetch, newest id first', async () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    let requests = 0;
    for (;;) {
      const query = cursor === undefined ? '?limit=10' : `?limit=10&startingAfter=${cursor}`;
      const { status, body } = await call('GET', `/contacts${query}`);
      requests += 1;
      expect(status).toBe(200);
      const page = body as Page<ApiContact>;
      seen.push(...page.items.map((c) => c.id));
      if (!page.hasMore) break;
      cursor = page.items.at(-1)!.id;
    }
    const expected = api.store.contacts.map((c) => c.id).sort((a, b) => b - a);
    expect(expected).toHaveLength(25);
    expect(seen).toEqual(expected);
    expect(requests).toBe(3);
  });

  it('walks every contact exactly once with got in ascending order', async () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const searchParams: Record<string, string | number> = { limit: 12, order: 'asc' };
      if (cursor !== undefined) searchParams['startingAfter'] = cursor;
      const response = await client.get<Page<ApiContact>>('contacts', { searchParams });
      expect(response.statusCode).toBe(200);
      seen.push(...response.body.items.map((c) => c.id));
      if (!response.body.hasMore) break;
      cursor = response.body.items.at(-1)!.id;
    }
    expect(seen).toEqual(api.store.contacts.map((c) => c.id));
    expect(new Set(seen).size).toBe(25);
  });

  it('says no more remain on a last page that is exactly full', async () => {
    const twenty = createSystemeApi({ apiKey: KEY, contacts: 20 });
    server.use(...twenty.handlers);
    const first = (await call('GET', '/contacts?limit=10')).body as Page<ApiContact>;
    const second = (await call('GET', `/contacts?limit=10&startingAfter=${first.items.at(-1)!.id}`)).body as Page<ApiContact>;
    expect([first.items.length, first.hasMore, second.items.length, second.hasMore]).toEqual([10, true, 10, false]);
  });

  it('pages 10 by default and says when more remain', async () => {
    const { body } = await call('GET', '/contacts');
    expect((body as Page<ApiContact>).items).toHaveLength(10);
    expect((body as Page<ApiContact>).hasMore).toBe(true);
  });

  it.each(['5', '101', 'abc', '10.5'])('answers limit=%s with the documented 422', async (limit) => {
    const { status, body, headers } = await call('GET', `/contacts?limit=${limit}`);
    expect(status).toBe(422);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(body).toEqual({
      detail: 'pagination.limit: Wrong value of pagination limit parameter',
      violations: [
        { propertyPath: 'pagination.limit', message: 'Wrong value of pagination limit parameter', code: VIOLATION_CODES.notInRange },
      ],
    });
  });

  it('accepts the bounds 10 and 100', async () => {
    expect((await call('GET', '/contacts?limit=10')).status).toBe(200);
    const { body } = await call('GET', '/contacts?limit=100');
    expect((body as Page<ApiContact>).items).toHaveLength(25);
    expect((body as Page<ApiContact>).hasMore).toBe(false);
  });
});

describe('contacts filters', () => {
  const filteredContacts = [
    { id: 101, email: 'ann@example.com', registeredAt: '2025-01-01T10:00:00+00:00', tags: ['vip'] },
    { id: 102, email: 'bob@example.com', registeredAt: '2025-02-01T10:00:00+00:00', bounced: true, tags: ['lead'] },
    { id: 103, email: 'cid@example.com', registeredAt: '2025-03-01T10:00:00+00:00', unsubscribed: true, tags: ['vip', 'lead'] },
    { id: 104, email: 'dee@example.com', registeredAt: '2025-04-01T10:00:00+00:00', needsConfirmation: true },
  ];
  const filtered = createSystemeApi({ apiKey: KEY, contacts: filteredContacts });
  const ids = async (query: string) => {
    const response = await filtered.fetch(new Request(`${BASE}/contacts${query}`, { headers: { 'x-api-key': KEY } }));
    return ((await response.json()) as Page<ApiContact>).items.map((c) => c.id);
  };

  it('filters by email, case-insensitively', async () => {
    expect(await ids('?email=BOB@example.com')).toEqual([102]);
  });

  it('filters by tag ids: contacts with all of them by default, any of them with contactTagsMatch "any"', async () => {
    const vip = filtered.store.getTag('vip')!.id;
    const lead = filtered.store.getTag('lead')!.id;
    expect(await ids(`?tags=${vip}`)).toEqual([103, 101]);
    expect(await ids(`?tags=${vip},${lead}`)).toEqual([103]);
    const any = createSystemeApi({ contacts: filteredContacts, contactTagsMatch: 'any' });
    const anyIds = async (query: string) =>
      (
        (await (await any.fetch(new Request(`${BASE}/contacts${query}`, { headers: { 'x-api-key': KEY } }))).json()) as Page<ApiContact>
      ).items.map((c) => c.id);
    expect(await anyIds(`?tags=${vip},${lead}`)).toEqual([103, 102, 101]);
  });

  it('filters by bounced, unsubscribed and needsConfirmation', async () => {
    expect(await ids('?bounced=true')).toEqual([102]);
    expect(await ids('?unsubscribed=1')).toEqual([103]);
    expect(await ids('?needsConfirmation=true')).toEqual([104]);
    expect(await ids('?bounced=false&unsubscribed=false&needsConfirmation=false')).toEqual([101]);
  });

  it('filters by registration date, bounds excluded', async () => {
    expect(await ids('?registeredAfter=2025-02-01T10:00:00%2B00:00')).toEqual([104, 103]);
    expect(await ids('?registeredBefore=2025-02-01T10:00:00%2B00:00&order=asc')).toEqual([101]);
  });
});

describe('errors', () => {
  it('answers a missing or wrong X-API-Key with 401', async () => {
    const missing = await fetch(`${BASE}/contacts`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ detail: 'Unauthorized' });
    const wrong = await client.get('contacts', { headers: { 'x-api-key': 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toEqual({ detail: 'Unauthorized' });
  });

  it('answers an unknown contact with the 404 shape', async () => {
    const { status, body } = await call('GET', '/contacts/1');
    expect(status).toBe(404);
    expect(body).toEqual({ title: 'An error occurred', detail: 'Not Found' });
    expect((await call('GET', '/no-such-route')).body).toEqual({ title: 'An error occurred', detail: 'Not Found' });
  });

  it('answers a duplicate email with 422 and violations', async () => {
    const existing = api.store.contacts[0]!;
    const response = await client.post('contacts', { json: { email: existing.email.toUpperCase() } });
    expect(response.statusCode).toBe(422);
    expect(response.body).toEqual({
      detail: 'email: This value is already used.',
      violations: [{ propertyPath: 'email', message: 'This value is already used.', code: VIOLATION_CODES.notUnique }],
    });
  });

  it('lists every violation of a request, one a line', async () => {
    const { status, body } = await call('POST', '/contacts', { email: 'not-an-email', fields: [{ slug: 'nope', value: 'x' }] });
    expect(status).toBe(422);
    expect(body).toEqual({
      detail: 'email: This value is not a valid email address.\nfields[0].slug: This value is not a valid contact field.',
      violations: [
        { propertyPath: 'email', message: 'This value is not a valid email address.', code: VIOLATION_CODES.invalidEmail },
        { propertyPath: 'fields[0].slug', message: 'This value is not a valid contact field.', code: VIOLATION_CODES.noSuchChoice },
      ],
    });
  });

  it('answers an unknown tag with 422', async () => {
    const contact = api.store.contacts[0]!;
    const { status, body } = await call('POST', `/contacts/${contact.id}/tags`, { tagId: 999_999_999 });
    expect(status).toBe(422);
    expect(body).toEqual({
      detail: 'tagId: Tag not found.',
      violations: [{ propertyPath: 'tagId', message: 'Tag not found.', code: VIOLATION_CODES.noSuchChoice }],
    });
  });

  it('refuses a PATCH that is not merge-patch+json with 415', async () => {
    const contact = api.store.contacts[0]!;
    const { status, body } = await call('PATCH', `/contacts/${contact.id}`, { locale: 'fr' });
    expect(status).toBe(415);
    expect(body).toEqual({
      title: 'An error occurred',
      detail: 'The content-type "application/json" is not supported. Supported MIME types are "application/merge-patch+json".',
    });
  });

  it('answers malformed JSON with 400 and a wrong method with 405', async () => {
    const bad = await fetch(`${BASE}/tags`, { method: 'POST', headers: { 'x-api-key': KEY }, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ title: 'An error occurred', detail: 'Syntax error' });
    const wrong = await call('PUT', '/contacts');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });
});

describe('resources', () => {
  it('creates, reads, merge-patches and deletes a contact', async () => {
    const field = api.store.contactFields[0]!;
    const created = await client.post<ApiContact>('contacts', {
      json: { email: 'new.buyer@example.com', locale: 'fr', fields: [{ slug: field.slug, value: 'Zoé' }] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.buyer@example.com',
      locale: 'fr',
      sourceURL: null,
      unsubscribed: false,
      bounced: false,
      needsConfirmation: false,
      fields: [{ fieldName: field.fieldName, slug: field.slug, value: 'Zoé' }],
      tags: [],
    });
    expect(created.body.id).toBe(Math.max(...api.store.contacts.map((c) => c.id)));
    const id = created.body.id;
    expect((await call('GET', `/contacts/${id}`)).body).toEqual(created.body);

    const patched = await call(
      'PATCH',
      `/contacts/${id}`,
      { locale: 'de', fields: [{ slug: field.slug, value: null }] },
      {
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...created.body, locale: 'de', fields: [] });

    expect((await call('DELETE', `/contacts/${id}`)).status).toBe(204);
    expect((await call('GET', `/contacts/${id}`)).status).toBe(404);
  });

  it('adds and removes a contact tag', async () => {
    const contact = api.store.contacts[0]!;
    const tag = (await call('POST', '/tags', { name: 'Buyer' })).body as { id: number; name: string; createdAt: string };
    expect(tag.name).toBe('Buyer');
    expect((await call('POST', `/contacts/${contact.id}/tags`, { tagId: tag.id })).status).toBe(204);
    expect(api.store.getContact(contact.id)!.tags).toContainEqual({ id: tag.id, name: 'Buyer' });
    expect((await call('DELETE', `/contacts/${contact.id}/tags/${tag.id}`)).status).toBe(204);
    expect(api.store.getContact(contact.id)!.tags).toEqual(contact.tags);
    expect((await call('DELETE', `/contacts/${contact.id}/tags/${tag.id}`)).status).toBe(404);
  });

  it('searches, renames and deletes tags', async () => {
    await call('POST', '/tags', { name: 'Spring Sale' });
    const found = (await call('GET', '/tags?query=spring')).body as Page<{ id: number; name: string }>;
    expect(found.items.map((t) => t.name)).toEqual(['Spring Sale']);
    const id = found.items[0]!.id;
    expect((await call('POST', '/tags', { name: 'Spring Sale' })).body).toMatchObject({ detail: 'name: This value is already used.' });
    expect((await call('PUT', `/tags/${id}`, { name: 'Summer Sale' })).body).toMatchObject({ id, name: 'Summer Sale' });
    expect((await call('DELETE', `/tags/${id}`)).status).toBe(204);
    expect((await call('GET', `/tags/${id}`)).status).toBe(404);
  });

  it('creates, renames and deletes contact fields', async () => {
    const created = await call('POST', '/contact_fields', { fieldName: 'Favourite Colour' });
    expect(created).toMatchObject({ status: 201, body: { slug: 'favourite_colour', fieldName: 'Favourite Colour' } });
    const renamed = await call(
      'PATCH',
      '/contact_fields/favourite_colour',
      { fieldName: 'Mobile' },
      {
        'content-type': 'application/merge-patch+json',
      },
    );
    expect(renamed.body).toEqual({ slug: 'favourite_colour', fieldName: 'Mobile' });
    const list = (await call('GET', '/contact_fields?limit=100')).body as Page<{ slug: string }>;
    expect(list.items.map((f) => f.slug)).toContain('favourite_colour');
    expect((await call('DELETE', '/contact_fields/favourite_colour')).status).toBe(204);
    expect((await call('DELETE', '/contact_fields/favourite_colour')).status).toBe(404);
  });

  it('enrolls a contact in a course and lists and deletes the enrollment', async () => {
    const courses = (await call('GET', '/school/courses')).body as Page<{ id: number }>;
    expect(courses.items).toHaveLength(3);
    const course = courses.items[0]!;
    const contact = api.store.contacts[0]!;
    const enrolled = await call('POST', `/school/courses/${course.id}/enrollments`, { contactId: contact.id, accessType: 'full_access' });
    expect(enrolled).toMatchObject({
      status: 201,
      body: { course: { id: course.id }, contact: { id: contact.id, email: contact.email }, accessType: 'full_access', active: true },
    });
    const bad = await call('POST', `/school/courses/${course.id}/enrollments`, { contactId: contact.id, accessType: 'forever' });
    expect(bad.body).toMatchObject({ detail: 'accessType: The value you selected is not a valid choice.' });
    const list = (await call('GET', '/school/enrollments')).body as Page<{ id: number }>;
    expect(list.items).toHaveLength(1);
    expect((await call('DELETE', `/school/enrollments/${list.items[0]!.id}`)).status).toBe(204);
    expect((await call('GET', '/school/enrollments')).body).toEqual({ items: [], hasMore: false });
  });

  it('creates, lists and deletes webhooks and refuses a duplicate name or url', async () => {
    const hook = {
      name: 'Sales',
      url: 'https://app.test/hook',
      secret: 's3cret',
      subscriptions: ['SALE_NEW', { event: 'CONTACT_CREATED', schemaVersion: 1 }],
    };
    const created = await call('POST', '/webhooks', hook);
    expect(created).toMatchObject({
      status: 201,
      body: {
        name: 'Sales',
        url: hook.url,
        active: true,
        subscriptions: [
          { event: 'SALE_NEW', schemaVersion: 2 },
          { event: 'CONTACT_CREATED', schemaVersion: 1 },
        ],
      },
    });
    const dup = await call('POST', '/webhooks', hook);
    expect(dup.status).toBe(422);
    expect((dup.body as { detail: string }).detail).toBe('name: This value is already used.\nurl: This value is already used.');
    const badEvent = await call('POST', '/webhooks', { ...hook, name: 'Other', url: 'https://app.test/2', subscriptions: ['SALE_MAYBE'] });
    expect((badEvent.body as { detail: string }).detail).toBe('subscriptions[0]: The value you selected is not a valid choice.');
    const id = (created.body as { id: string }).id;
    expect(((await call('GET', '/webhooks')).body as Page<{ id: string }>).items.map((w) => w.id)).toEqual([id]);
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect((await call('DELETE', `/webhooks/${id}`)).status).toBe(404);
  });
});

describe('routes the clients added', () => {
  const NOT_FOUND = { title: 'An error occurred', detail: 'Not Found' };

  it('refuses enrollments with unknown ids, missing modules for partial access and foreign modules', async () => {
    const course = api.store.courses[0]!;
    const other = api.store.courses[1]!;
    const contact = api.store.contacts[0]!;
    expect(await call('POST', '/school/courses/999999/enrollments', { contactId: contact.id })).toMatchObject({
      status: 404,
      body: NOT_FOUND,
    });
    expect((await call('POST', `/school/courses/${course.id}/enrollments`, { contactId: 1 })).body).toMatchObject({
      detail: 'contactId: Contact not found.',
    });
    expect((await call('POST', `/school/courses/${course.id}/enrollments`, {})).body).toMatchObject({
      detail: 'contactId: This value should not be blank.',
    });
    expect(
      (await call('POST', `/school/courses/${course.id}/enrollments`, { contactId: contact.id, accessType: 'partial_access' })).body,
    ).toMatchObject({
      detail: 'modules: This value should not be blank.',
    });
    const foreign = await call('POST', `/school/courses/${course.id}/enrollments`, {
      contactId: contact.id,
      accessType: 'partial_dripping_access',
      modules: [other.modules[0]!.id],
    });
    expect(foreign).toMatchObject({ status: 422, body: { detail: 'modules[0]: The value you selected is not a valid choice.' } });
    expect(api.store.enrollments).toEqual([]);
    // Module ids come as numbers or numeric strings; a full access ignores them.
    const ok = await call('POST', `/school/courses/${course.id}/enrollments`, {
      contactId: String(contact.id),
      accessType: 'partial_access',
      modules: [String(course.modules[1]!.id)],
    });
    expect(ok).toMatchObject({ status: 201, body: { modules: [course.modules[1]!.id] } });
    const full = await call('POST', `/school/courses/${course.id}/enrollments`, {
      contactId: contact.id,
      modules: [course.modules[0]!.id],
    });
    expect(full).toMatchObject({ status: 201, body: { accessType: 'full_access', modules: [] } });
    expect((await call('GET', '/school/enrollments?course=abc')).body).toEqual({ items: [], hasMore: false });
  });

  it('joins a community once, 404 for an unknown community, 422 for an unknown contact', async () => {
    const community = api.store.communities[0]!;
    const contact = api.store.contacts[1]!;
    for (let i = 0; i < 2; i++) {
      const joined = await call('POST', `/community/communities/${community.id}/memberships`, { contactId: contact.id });
      expect(joined).toMatchObject({ status: 202, body: null });
    }
    expect(api.store.memberships).toHaveLength(1);
    expect((await call('POST', '/community/communities/999999/memberships', { contactId: contact.id })).status).toBe(404);
    expect((await call('POST', `/community/communities/${community.id}/memberships`, { contactId: 5 })).body).toMatchObject({
      detail: 'contactId: Contact not found.',
    });
    // Deleting the contact deletes its memberships.
    expect((await call('DELETE', `/contacts/${contact.id}`)).status).toBe(204);
    expect(((await call('GET', `/community/memberships?community=${community.id}`)).body as Page<unknown>).items).toEqual([]);
  });

  it('patches a webhook with merge-patch: renames, changes events and url, deactivates; keeps names unique', async () => {
    const a = (await call('POST', '/webhooks', { name: 'A', url: 'https://app.test/a', secret: 's', subscriptions: ['SALE_NEW'] }))
      .body as { id: string };
    await call('POST', '/webhooks', { name: 'B', url: 'https://app.test/b', secret: 's', subscriptions: ['SALE_NEW'] });
    const patch = (body: unknown, type = 'application/merge-patch+json') =>
      call('PATCH', `/webhooks/${a.id}`, body, { 'content-type': type });
    expect((await patch({ name: 'A2' }, 'application/json')).status).toBe(415);
    expect(await patch({ name: 'B' })).toMatchObject({ status: 422, body: { detail: 'name: This value is already used.' } });
    expect(await patch({ url: 'ftp://x' })).toMatchObject({ status: 422, body: { detail: 'url: This value is not a valid URL.' } });
    const patched = await patch({
      name: 'A2',
      url: 'https://app.test/a2',
      active: false,
      subscriptions: [{ event: 'SALE_CANCELED', schemaVersion: 2 }],
    });
    expect(patched).toMatchObject({
      status: 200,
      body: {
        id: a.id,
        name: 'A2',
        url: 'https://app.test/a2',
        active: false,
        subscriptions: [{ event: 'SALE_CANCELED', schemaVersion: 2 }],
      },
    });
    expect(api.store.webhooks.find((w) => w.id === a.id)).toMatchObject({ name: 'A2', active: false });
    expect(
      (await call('PATCH', '/webhooks/01a0e461-0000-7000-8000-000000000000', {}, { 'content-type': 'application/merge-patch+json' }))
        .status,
    ).toBe(404);
  });

  it('creates a newsletter, sets its included tags and sends it once', async () => {
    const tag = api.store.tags[0]!;
    expect(await call('POST', '/mailing/newsletters', { content: { subject: '' } })).toMatchObject({
      status: 422,
      body: { detail: 'content.subject: This value should not be blank.\ncontent.bodyHtml: This value should not be blank.' },
    });
    const created = await call('POST', '/mailing/newsletters', { content: { subject: 'Spring sale', bodyHtml: '<p>Hi</p>' } });
    expect(created).toMatchObject({
      status: 201,
      body: { content: { subject: 'Spring sale', bodyHtml: '<p>Hi</p>' }, includedTagIds: [], status: 'draft', sentAt: null },
    });
    const id = (created.body as { id: number }).id;
    expect((await call('PUT', `/mailing/newsletters/${id}/included-tags`, { tagIds: [999999] })).body).toMatchObject({
      detail: 'tagIds[0]: Tag not found.',
    });
    expect(await call('PUT', `/mailing/newsletters/${id}/included-tags`, { tagIds: [tag.id] })).toMatchObject({
      status: 200,
      body: { includedTagIds: [tag.id] },
    });
    expect((await call('POST', `/mailing/newsletters/${id}/send`)).status).toBe(204);
    expect(await call('POST', `/mailing/newsletters/${id}/send`)).toMatchObject({
      status: 422,
      body: { detail: 'This newsletter was already sent.' },
    });
    expect(await call('GET', `/mailing/newsletters/${id}`)).toMatchObject({
      status: 200,
      body: { status: 'sent', sentAt: expect.stringMatching(/\+00:00$/) },
    });
    expect((await call('POST', '/mailing/newsletters/999999/send')).status).toBe(404);
  });

  it('answers 405 with Allow on a known path with another method', async () => {
    const response = await call('PUT', '/payment/subscriptions');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('rate limit', () => {
  it('sends the rate-limit headers on every response, counting down', async () => {
    const first = await call('GET', '/tags');
    const second = await call('GET', '/nope');
    expect(first.headers.get('x-ratelimit-limit')).toBe('100');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(first.headers.get('x-ratelimit-refill')).toBe('60');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('98');
    expect(second.status).toBe(404);
  });

  it('answers 429 over an opted-in limit', async () => {
    const limited = createSystemeApi({ apiKey: KEY, contacts: 0, rateLimit: { limit: 2, refillSeconds: 30 } });
    server.use(...limited.handlers);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 3; i++) {
      last = await call('GET', '/tags');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last!.body).toEqual({ title: 'An error occurred', detail: 'Too Many Requests' });
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last!.headers.get('x-ratelimit-limit')).toBe('2');
    limited.reset();
    expect((await call('GET', '/tags')).status).toBe(200);
  });
});

describe('store', () => {
  it('is reproducible from the seed and restored by reset()', async () => {
    const before = api.store.contacts;
    expect(createSystemeApi({ seed: 7 }).store.contacts).toEqual(before);
    expect(createSystemeApi({ seed: 8 }).store.contacts).not.toEqual(before);
    await call('POST', '/contacts', { email: 'temp@example.com' });
    await call('POST', '/webhooks', { name: 'x', url: 'https://app.test/x', secret: 'x', subscriptions: ['SALE_NEW'] });
    expect(api.store.contacts).toHaveLength(26);
    api.reset();
    expect(api.store.contacts).toEqual(before);
    expect(api.store.webhooks).toEqual([]);
  });

  it('seeds given contacts and tags', async () => {
    const { contacts, tags } = api.seed({
      tags: [{ id: 42, name: 'Given' }],
      contacts: [
        { id: 7, email: 'given@example.com', fields: [{ slug: 'company', value: 'ACME', fieldName: 'Company' }], tags: ['Given'] },
      ],
    });
    expect(tags).toEqual([{ id: 42, name: 'Given', createdAt: expect.stringMatching(/\+00:00$/) }]);
    expect(contacts[0]).toMatchObject({
      id: 7,
      tags: [{ id: 42, name: 'Given' }],
      fields: [{ fieldName: 'Company', slug: 'company', value: 'ACME' }],
    });
    expect((await call('GET', '/contacts?email=given@example.com')).body).toEqual({ items: contacts, hasMore: false });
    expect(api.store.contactFields).toContainEqual({ slug: 'company', fieldName: 'Company' });
  });

  it('refuses bad options with one-line messages', () => {
    expect(() => createSystemeApi({ contacts: -1 })).toThrow(
      'Failed to create the systeme.io API mock: contacts must be a positive integer, got -1. Pass a whole number of 1 or more.',
    );
    expect(() => createSystemeApi({ rateLimit: { limit: 0 } })).toThrow(
      'Failed to create the systeme.io API mock: rateLimit.limit must be a positive integer, got 0. Pass a whole number of 1 or more.',
    );
    expect(() => createSystemeApi({ baseUrl: 'api.systeme.io' })).toThrow(
      'Failed to create the systeme.io API mock: baseUrl "api.systeme.io" is not an absolute URL. Pass one like "https://api.systeme.io/api".',
    );
    expect(createSystemeApi({ contacts: 0, courses: 0 }).store.contacts).toEqual([]);
  });

  it('serves a custom base URL', async () => {
    const local = createSystemeApi({ baseUrl: 'http://localhost:9999/api/', contacts: 2 });
    server.use(...local.handlers);
    const response = await fetch('http://localhost:9999/api/contacts?limit=10', { headers: { 'x-api-key': 'any' } });
    expect(((await response.json()) as Page<ApiContact>).items).toHaveLength(2);
  });

  it('lets a test override one route with server.use, as msw users expect', async () => {
    server.use(http.get(`${BASE}/tags`, () => HttpResponse.json({ items: [], hasMore: false }, { status: 503 })));
    expect((await call('GET', '/tags')).status).toBe(503);
  });
});
