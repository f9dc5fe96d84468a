import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import got from 'got';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validatePayload } from '../../src/generate/index.js';
import { createReceiverHandler, createSystemeApi, type ApiContact, type ApiWebhook } from '../../src/msw/index.js';
import { verifySignature } from '../../src/signature/index.js';

const BASE = 'https://api.systeme.io/api';
const KEY = 'test-key';
const HOOK_URL = 'https://app.test/webhooks/systeme';
const RULE_URL = 'https://app.test/automation';
const SECRET = 'whsec-for-tests';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const api = createSystemeApi({ apiKey: KEY, seed: 3 });
let failNext = false;
const receiver = createReceiverHandler(HOOK_URL, () => {
  if (failNext) {
    failNext = false;
    return new Response('nope', { status: 500 });
  }
  return new Response('ok');
});
const automation = createReceiverHandler(RULE_URL, () => new Response(null, { status: 204 }));
const server = setupServer(...api.handlers, receiver, automation);

const client = got.extend({
  prefixUrl: BASE,
  headers: { 'x-api-key': KEY },
  throwHttpErrors: false,
  responseType: 'json',
  retry: { limit: 0 },
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  api.reset();
  receiver.clearDeliveries();
  automation.clearDeliveries();
});
afterAll(() => server.close());

async function registerWebhook(overrides: Record<string, unknown> = {}): Promise<ApiWebhook> {
  const response = await client.post<ApiWebhook>('webhooks', {
    json: {
      name: 'My app',
      url: HOOK_URL,
      secret: SECRET,
      subscriptions: ['CONTACT_CREATED', 'CONTACT_TAG_ADDED', 'CONTACT_TAG_REMOVED', 'CONTACT_OPT_IN', 'SALE_NEW', 'SALE_CANCELED'],
      ...overrides,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.body;
}

async function getContact(id: number): Promise<ApiContact> {
  const response = await fetch(`${BASE}/contacts/${id}`, { headers: { 'x-api-key': KEY } });
  return (await response.json()) as ApiContact;
}

describe('webhooks registered through POST /webhooks', () => {
  it('receive a signed CONTACT_CREATED whose contact is the API contact', async () => {
    const webhook = await registerWebhook();
    const created = await client.post<ApiContact>('contacts', { json: { email: 'ana.silva@example.com', locale: 'pt' } });
    expect(created.statusCode).toBe(201);

    // Delivered before the API call resolved: no waiting needed.
    expect(receiver.deliveries).toHaveLength(1);
    const delivery = receiver.deliveries[0]!;
    expect(delivery.headers['x-webhook-event']).toBe('CONTACT_CREATED');
    expect(delivery.headers['x-webhook-schema-version']).toBe('1');
    expect(delivery.headers['x-webhook-subscription-id']).toBe(webhook.id);
    expect(delivery.headers['x-webhook-message-id']).toMatch(UUID_V7);
    expect(delivery.headers['user-agent']).toBe('SystemeIO-Webhook');
    expect(verifySignature(delivery.body, delivery.headers['x-webhook-signature'], SECRET)).toBe(true);
    expect(verifySignature(delivery.body, delivery.headers['x-webhook-signature'], 'another-secret')).toBe(false);

    const payload = JSON.parse(delivery.body) as { contact: ApiContact };
    expect(payload).toEqual({ contact: await getContact(created.body.id) });
    expect(validatePayload('CONTACT_CREATED', payload)).toEqual([]);
    expect(api.deliveries).toHaveLength(1);
    expect(api.deliveries[0]).toMatchObject({
      dialect: 'webhooks',
      trigger: 'CONTACT_CREATED',
      url: HOOK_URL,
      status: 200,
      responseBody: 'ok',
      error: null,
    });
    expect(api.deliveries[0]!.body).toBe(delivery.body);
    expect(api.deliveries[0]!.messageId).toBe(delivery.headers['x-webhook-message-id']);
  });

  it('receive CONTACT_TAG_ADDED and CONTACT_TAG_REMOVED describing the store after the change', async () => {
    await registerWebhook({ subscriptions: ['CONTACT_TAG_ADDED', 'CONTACT_TAG_REMOVED'] });
    const contact = api.store.contacts[4]!;
    const tag = (await client.post<{ id: number; name: string }>('tags', { json: { name: 'Élève / VIP' } })).body;

    expect((await client.post(`contacts/${contact.id}/tags`, { json: { tagId: tag.id } })).statusCode).toBe(204);
    const added = receiver.deliveries[0]!;
    expect(added.headers['x-webhook-event']).toBe('CONTACT_TAG_ADDED');
    expect(verifySignature(added.body, added.headers['x-webhook-signature'], SECRET)).toBe(true);
    // PHP's bytes: the tag name's "/" and "É" are escaped on the wire.
    expect(added.body).toContain('"name":"\\u00c9l\\u00e8ve \\/ VIP"');
    const addedPayload = JSON.parse(added.body) as { contact: ApiContact; tag: unknown };
    expect(addedPayload.tag).toEqual({ id: tag.id, name: 'Élève / VIP' });
    expect(addedPayload.contact).toEqual(await getContact(contact.id));
    expect(addedPayload.contact.tags).toContainEqual({ id: tag.id, name: 'Élève / VIP' });

    expect((await client.delete(`contacts/${contact.id}/tags/${tag.id}`)).statusCode).toBe(204);
    const removed = receiver.deliveries[1]!;
    expect(removed.headers['x-webhook-event']).toBe('CONTACT_TAG_REMOVED');
    const removedPayload = JSON.parse(removed.body) as { contact: ApiContact; tag: unknown };
    expect(removedPayload.contact).toEqual(contact);
    expect(removedPayload.tag).toEqual({ id: tag.id, name: 'Élève / VIP' });
    expect(receiver.deliveries).toHaveLength(2);
  });

  it('skip inactive webhooks, unsubscribed events and deleted webhooks', async () => {
    await registerWebhook({ active: false });
    const onlySales = await registerWebhook({ name: 'Sales only', url: 'https://app.test/sales', subscriptions: ['SALE_NEW'] });
    await client.post('contacts', { json: { email: 'nobody-hears@example.com' } });
    expect(api.deliveries).toEqual([]);
    await client.delete(`webhooks/${onlySales.id}`);
    expect(await api.emit('SALE_NEW', { contact: api.store.contacts[0]!.id })).toEqual([]);
    expect(receiver.deliveries).toEqual([]);
  });

  it('record a failing receiver without failing the API call', async () => {
    await registerWebhook();
    failNext = true;
    const created = await client.post('contacts', { json: { email: 'fails@example.com' } });
    expect(created.statusCode).toBe(201);
    expect(api.deliveries[0]).toMatchObject({ status: 500, responseBody: 'nope', error: null });
  });

  it('record an unreachable receiver as an error, and the API call still succeeds', async () => {
    await registerWebhook({ url: 'https://nowhere.test/hook', subscriptions: ['CONTACT_CREATED'] });
    server.use(http.post('https://nowhere.test/hook', () => HttpResponse.error()));
    const created = await client.post('contacts', { json: { email: 'lost@example.com' } });
    expect(created.statusCode).toBe(201);
    expect(api.deliveries).toHaveLength(1);
    expect(api.deliveries[0]).toMatchObject({
      url: 'https://nowhere.test/hook',
      status: null,
      responseBody: null,
      error: 'Failed to fetch',
    });
  });

  it('reach a real server on 127.0.0.1 when a passthrough handler lets them', async () => {
    const bodies: string[] = [];
    const real: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      req.on('end', () => {
        bodies.push(body);
        res.end('real');
      });
    });
    await new Promise<void>((resolve) => real.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(real.address() as AddressInfo).port}/hook`;
      server.use(http.post(url, () => passthrough()));
      await registerWebhook({ url, subscriptions: ['CONTACT_CREATED'] });
      await client.post('contacts', { json: { email: 'real@example.com' } });
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toBe(api.deliveries[0]!.body);
      expect(api.deliveries[0]).toMatchObject({ status: 200, responseBody: 'real' });
    } finally {
      await new Promise((resolve) => real.close(resolve));
    }
  });
});

describe('api.emit', () => {
  it('raises SALE_NEW for a store contact, with overrides, signed', async () => {
    await registerWebhook();
    const contact = api.store.contacts.find((c) => c.fields.length > 0)!;
    const [delivery] = await api.emit('SALE_NEW', { contact: contact.email, overrides: { pricePlan: { amount: 4900, currency: 'usd' } } });
    expect(delivery).toMatchObject({ trigger: 'SALE_NEW', status: 200 });
    const received = receiver.deliveries[0]!;
    expect(received.headers['x-webhook-schema-version']).toBe('2');
    expect(verifySignature(received.body, received.headers['x-webhook-signature'], SECRET)).toBe(true);
    const sale = JSON.parse(received.body) as {
      customer: Record<string, unknown>;
      pricePlan: Record<string, unknown>;
      order: { vat: number };
    };
    expect(sale.customer['contactId']).toBe(contact.id);
    expect(sale.customer['email']).toBe(contact.email);
    // The checkout filled what the contact lacked; the store's contact and the payload agree.
    const after = api.store.getContact(contact.id)!;
    for (const field of contact.fields) expect(after.fields).toContainEqual(field);
    expect(after.fields.map((f) => f.slug).sort()).toEqual([
      'city',
      'country',
      'first_name',
      'phone_number',
      'postcode',
      'street_address',
      'surname',
    ]);
    expect(sale.customer['fields']).toEqual(Object.fromEntries(after.fields.map((f) => [f.slug, f.value])));
    expect(sale.pricePlan).toMatchObject({ amount: 4900, currency: 'usd' });
    expect(received.body).toMatch(/"vat":\d+\.\d+/); // a PHP float keeps its fraction
    expect(validatePayload('SALE_NEW', sale)).toEqual([]);
  });

  it('adds a new contact from the seeded world when none is given', async () => {
    await registerWebhook();
    const before = api.store.contacts.length;
    await api.emit('CONTACT_OPT_IN');
    expect(api.store.contacts).toHaveLength(before + 1);
    const payload = JSON.parse(receiver.deliveries[0]!.body) as { contact: ApiContact };
    expect(payload.contact).toEqual(api.store.getContact(payload.contact.id));
  });

  it('makes the store agree with an emitted tag event', async () => {
    await registerWebhook();
    const contact = api.store.contacts[0]!;
    await api.emit('CONTACT_TAG_ADDED', { contact: contact.id, tag: 'Webinar attendee' });
    const tag = api.store.getTag('Webinar attendee')!;
    expect((await getContact(contact.id)).tags).toContainEqual({ id: tag.id, name: tag.name });
    expect(JSON.parse(receiver.deliveries[0]!.body)).toEqual({
      contact: await getContact(contact.id),
      tag: { id: tag.id, name: tag.name },
    });
  });

  it('refuses unknown triggers, unknown contacts and tag events without a tag', async () => {
    await expect(api.emit('SALE_NEWW')).rejects.toThrow(
      'Failed to find trigger "SALE_NEWW": it is not in the catalog. Did you mean "SALE_NEW"?',
    );
    await expect(api.emit('SALE_NEW', { contact: 12 })).rejects.toThrow(
      'Failed to emit SALE_NEW: no contact 12 in the store. Pass a contact from api.store.contacts or add one with api.seed({ contacts: [...] }).',
    );
    await expect(api.emit('CONTACT_TAG_ADDED', { contact: api.store.contacts[0]!.id })).rejects.toThrow(
      'Failed to emit CONTACT_TAG_ADDED: a tag event needs a tag. Pass { tag: <tag id or name> }.',
    );
    expect(() => api.addAutomationRule({ trigger: 'SALE_NEW', url: RULE_URL })).toThrow(
      'Failed to add an automation rule: "SALE_NEW" is not an automation trigger.',
    );
  });
});

describe('api.addWebhook', () => {
  it('registers a webhook for all six events without an HTTP call', async () => {
    const webhook = api.addWebhook({ url: HOOK_URL, secret: SECRET });
    expect(webhook).toMatchObject({ name: HOOK_URL, url: HOOK_URL, active: true });
    expect(webhook.subscriptions.map((s) => `${s.event}@${s.schemaVersion}`)).toEqual([
      'CONTACT_CREATED@1',
      'CONTACT_TAG_ADDED@1',
      'CONTACT_TAG_REMOVED@1',
      'CONTACT_OPT_IN@1',
      'SALE_NEW@2',
      'SALE_CANCELED@2',
    ]);
    const [delivery] = await api.emit('SALE_CANCELED', { contact: api.store.contacts[0]!.id });
    expect(delivery!.headers).toContainEqual(['x-webhook-subscription-id', webhook.id]);
    expect(verifySignature(receiver.deliveries[0]!.body, receiver.deliveries[0]!.headers['x-webhook-signature'], SECRET)).toBe(true);
  });

  it("refuses a second webhook for the same url with the API's reason", () => {
    api.addWebhook({ url: HOOK_URL, secret: SECRET, name: 'one' });
    expect(() => api.addWebhook({ url: HOOK_URL, secret: SECRET, name: 'two' })).toThrow(
      'Failed to add a webhook: url: This value is already used. Pass another url or name, or call api.reset() between tests.',
    );
  });
});

describe('automation rules', () => {
  it('receive unsigned Symfony deliveries for tag changes made through the API', async () => {
    api.addAutomationRule({ trigger: 'contact.tag.added', url: RULE_URL });
    const contact = api.store.contacts[2]!;
    const fresh = (await client.post<{ id: number; name: string }>('tags', { json: { name: 'Fresh' } })).body;
    await client.post(`contacts/${contact.id}/tags`, { json: { tagId: fresh.id } });
    expect(automation.deliveries).toHaveLength(1);
    const delivery = automation.deliveries[0]!;
    expect(delivery.headers).toEqual({
      'content-type': 'application/json',
      'accept-charset': 'ISO-8859-1,utf-8;q=0.7,*;q=0.7',
      'accept-language': 'en-us,en;q=0.5',
      accept: 'application/json',
      'user-agent': 'Symfony',
    });
    const body = JSON.parse(delivery.body) as { type: string; data: { tag: unknown; contact: Record<string, unknown> } };
    expect(body.type).toBe('contact.tag.added');
    expect(body.data.tag).toEqual({ id: fresh.id, name: fresh.name });
    expect(body.data.contact).toMatchObject({ id: contact.id, email: contact.email });
    expect(api.deliveries[0]).toMatchObject({ dialect: 'automation', messageId: null, status: 204 });
  });

  it('receive contact.course.enrolled with the store course for an enrollment', async () => {
    api.addAutomationRule({ trigger: 'contact.course.enrolled', url: RULE_URL });
    const course = api.store.courses[1]!;
    const contact = api.store.contacts[0]!;
    await client.post(`school/courses/${course.id}/enrollments`, { json: { contactId: contact.id, accessType: 'dripping_content' } });
    const body = JSON.parse(automation.deliveries[0]!.body) as { data: Record<string, unknown> };
    expect(body.data['course']).toEqual({ id: course.id, name: course.name, description: course.description });
    expect(body.data['access_type']).toBe('dripping_content');
    expect(body.data['contact']).toMatchObject({
      id: contact.id,
      email: contact.email,
      fields: contact.fields.length === 0 ? [] : Object.fromEntries(contact.fields.map((f) => [f.slug, f.value])),
    });
    expect(validatePayload('contact.course.enrolled', body)).toEqual([]);
  });
});
