/**
 * Issue 10, the MSW API: case 20 (a malformed escape in a path answers 404, never a URIError), case 21
 * (seeding stays correct at 20,000 contacts; its speed is measured in bench/seed-store.ts, not here),
 * case 22 (a receiver that never answers fails its delivery after `webhookTimeoutMs`, not the API call).
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemeApi } from '../../src/msw/index.js';

const BASE = 'https://api.systeme.io/api';
const KEY = 'hard-key';
const NOT_FOUND = { title: 'An error occurred', detail: 'Not Found' };

describe('case 20: malformed escapes in a path', () => {
  const api = createSystemeApi({ apiKey: KEY, contacts: 2, courses: 0, communities: 0, subscriptions: 0 });
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  const paths = ['/contact_fields/%E0%A4%A', '/webhooks/%', '/contact_fields/%', '/webhooks/%ZZ'];

  it('answer 404 through msw (fetch), with the rate-limit headers', async () => {
    for (const path of paths) {
      const response = await fetch(`${BASE}${path}`, { method: 'DELETE', headers: { 'x-api-key': KEY } });
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.json()).toEqual(NOT_FOUND);
      expect(response.headers.get('x-ratelimit-limit')).toBe('100');
    }
    const get = await fetch(`${BASE}/webhooks/%`, { headers: { 'x-api-key': KEY } });
    expect(get.status).toBe(404);
  });

  it('answer 404 through api.fetch without msw', async () => {
    for (const path of paths) {
      const response = await api.fetch(new Request(`${BASE}${path}`, { method: 'DELETE', headers: { 'x-api-key': KEY } }));
      expect([path, response.status]).toEqual([path, 404]);
      expect(await response.json()).toEqual(NOT_FOUND);
    }
  });

  it('still decodes a well-formed escape: a slug with a space is found', async () => {
    api.seed({ contacts: [{ email: 'spaced@example.com', fields: [{ slug: 'my field', value: 'x' }] }] });
    const response = await api.fetch(new Request(`${BASE}/contact_fields/my%20field`, { method: 'DELETE', headers: { 'x-api-key': KEY } }));
    expect(response.status).toBe(204);
  });
});

describe('case 21: seeding 20,000 contacts', () => {
  const api = createSystemeApi({ apiKey: KEY, seed: 21, contacts: 20_000, courses: 0, communities: 0, subscriptions: 0 });

  it('stores exactly 20,000 contacts with unique ids and emails, each found by its email', () => {
    const contacts = api.store.contacts;
    expect(contacts).toHaveLength(20_000);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(20_000);
    expect(new Set(contacts.map((c) => c.email.toLowerCase())).size).toBe(20_000);
    for (const c of [contacts[0]!, contacts[9_999]!, contacts[19_999]!]) {
      expect(api.store.getContact(c.email.toUpperCase())?.id).toBe(c.id);
    }
  });

  it('gives a created contact an id above every seeded one, and keeps the email index in step with PATCH and DELETE', async () => {
    const maxId = Math.max(...api.store.contacts.map((c) => c.id));
    const call = (method: string, path: string, body?: unknown, type = 'application/json') =>
      api.fetch(
        new Request(`${BASE}${path}`, {
          method,
          headers: { 'x-api-key': KEY, 'content-type': type },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
    const created = await call('POST', '/contacts', { email: 'fresh@example.com' });
    expect(created.status).toBe(201);
    const fresh = (await created.json()) as { id: number };
    expect(fresh.id).toBe(maxId + 1);

    const first = api.store.contacts[0]!;
    expect((await call('PATCH', `/contacts/${first.id}`, { email: 'renamed@example.com' }, 'application/merge-patch+json')).status).toBe(
      200,
    );
    // The old email is free again; the new one is taken.
    expect((await call('POST', '/contacts', { email: first.email })).status).toBe(201);
    const taken = await call('POST', '/contacts', { email: 'RENAMED@example.com' });
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as { detail: string }).detail).toBe('email: This value is already used.');
    expect((await call('DELETE', `/contacts/${first.id}`)).status).toBe(204);
    expect(api.store.getContact('renamed@example.com')).toBeUndefined();
    expect((await call('POST', '/contacts', { email: 'renamed@example.com' })).status).toBe(201);
  });
});

describe('case 22: a receiver that never answers', () => {
  let receiver: Server;
  let url: string;
  const held: ServerResponse[] = [];
  beforeAll(async () => {
    // Accepts the request and never writes a byte back.
    receiver = createServer((_request, response) => {
      held.push(response);
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    for (const response of held) response.destroy();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('fails the delivery after webhookTimeoutMs with a clear error; the API call answers 201', async () => {
    // No msw server here: the emitter's fetch reaches the real socket on loopback.
    const api = createSystemeApi({ apiKey: KEY, contacts: 1, courses: 0, communities: 0, subscriptions: 0, webhookTimeoutMs: 300 });
    api.addWebhook({ url, secret: 'whsec', subscriptions: ['CONTACT_CREATED'] });
    const started = Date.now();
    const response = await api.fetch(
      new Request(`${BASE}/contacts`, {
        method: 'POST',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'slow@example.com' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(held.length).toBe(1);
    expect(api.deliveries.map((d) => [d.trigger, d.status, d.responseBody, d.error])).toEqual([
      [
        'CONTACT_CREATED',
        null,
        null,
        `Failed to deliver CONTACT_CREATED to ${url}: no complete answer within 300 ms. Make the receiver answer sooner or raise webhookTimeoutMs.`,
      ],
    ]);
  });

  it('also ends a delivery to an msw handler that never resolves (no socket keeps Node waiting)', async () => {
    const api = createSystemeApi({ apiKey: KEY, contacts: 1, courses: 0, communities: 0, subscriptions: 0, webhookTimeoutMs: 200 });
    const hanging = http.post('https://stuck.test/hook', () => new Promise<Response>(() => {}));
    const server = setupServer(...api.handlers, hanging);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      api.addWebhook({ url: 'https://stuck.test/hook', secret: 'whsec', subscriptions: ['CONTACT_TAG_ADDED'] });
      const contact = api.store.contacts[0]!;
      const tag = api.seed({ tags: ['Late'] }).tags[0]!;
      const response = await fetch(`${BASE}/contacts/${contact.id}/tags`, {
        method: 'POST',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ tagId: tag.id }),
      });
      expect(response.status).toBe(204);
      expect(api.deliveries.map((d) => d.error)).toEqual([
        'Failed to deliver CONTACT_TAG_ADDED to https://stuck.test/hook: no complete answer within 200 ms. Make the receiver answer sooner or raise webhookTimeoutMs.',
      ]);
      expect(api.store.getContact(contact.id)!.tags.map((t) => t.name)).toContain('Late');
    } finally {
      server.close();
    }
  });

  it('refuses a webhookTimeoutMs that is not a positive whole number', () => {
    expect(() => createSystemeApi({ webhookTimeoutMs: 0 })).toThrow(
      'Failed to create the systeme.io API mock: webhookTimeoutMs must be a positive integer, got 0. Pass a whole number of 1 or more.',
    );
  });
});

describe('unsettled behaviours: options are checked', () => {
  it('names the fix for a bad contactTagsMatch, contactFieldsPaging or defaultPageSize', () => {
    expect(() => createSystemeApi({ contactTagsMatch: 'some' as 'all' })).toThrow(
      'Failed to create the systeme.io API mock: contactTagsMatch must be "all" or "any", got "some". Pass one of them.',
    );
    expect(() => createSystemeApi({ contactFieldsPaging: 'pages' as 'paged' })).toThrow(
      'Failed to create the systeme.io API mock: contactFieldsPaging must be "unpaged" or "paged", got "pages". Pass one of them.',
    );
    expect(() => createSystemeApi({ defaultPageSize: 5 })).toThrow(
      "Failed to create the systeme.io API mock: defaultPageSize must be from 10 to 100 (the API's limit range), got 5. Pass a page size in that range.",
    );
  });

  it('defaultPageSize and contactFieldsPaging "paged" change what an unpaged request sees', async () => {
    const api = createSystemeApi({
      apiKey: KEY,
      contacts: 40,
      courses: 0,
      communities: 0,
      subscriptions: 0,
      defaultPageSize: 25,
      contactFieldsPaging: 'paged',
    });
    const get = async (path: string) =>
      (await (await api.fetch(new Request(`${BASE}${path}`, { headers: { 'x-api-key': KEY } }))).json()) as {
        items: unknown[];
        hasMore: boolean;
      };
    expect((await get('/contacts')).items).toHaveLength(25);
    api.seed({ contacts: [{ email: 'f@example.com', fields: Array.from({ length: 30 }, (_, i) => ({ slug: `f${i}`, value: 'v' })) }] });
    const fields = await get('/contact_fields');
    expect(fields.items).toHaveLength(25);
    expect(fields.hasMore).toBe(true);
  });
});
