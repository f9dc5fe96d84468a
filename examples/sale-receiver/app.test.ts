// Reads like a user's test: the package is imported by name (self-reference; `npm test` builds dist first).
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReceiverHandler, createSystemeApi, createWebhookRequest } from 'systeme-mock/msw';
import { createSaleReceiver } from './app.js';

const API_KEY = 'test-api-key';
const SECRET = 'whsec-sale-receiver';
const BUYER_TAG = { id: 900_001, name: 'Buyer' };
const WEBHOOK_URL = 'https://shop.example/webhooks/systeme';

const api = createSystemeApi({ apiKey: API_KEY, seed: 11, tags: [BUYER_TAG] });
let app = createSaleReceiver({ secret: SECRET, apiKey: API_KEY, buyerTagId: BUYER_TAG.id });
const receiver = createReceiverHandler(WEBHOOK_URL, (request) => app.fetch(request));
const server = setupServer(...api.handlers, receiver);

// Counts the app's calls to the systeme.io API that tag a contact.
let tagCalls = 0;
server.events.on('request:start', ({ request }) => {
  if (request.method === 'POST' && /\/api\/contacts\/\d+\/tags$/.test(new URL(request.url).pathname)) tagCalls += 1;
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  app = createSaleReceiver({ secret: SECRET, apiKey: API_KEY, buyerTagId: BUYER_TAG.id });
  tagCalls = 0;
  // What the app's owner does once in systeme.io's settings: register the webhook.
  const response = await fetch('https://api.systeme.io/api/webhooks', {
    method: 'POST',
    headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Shop', url: WEBHOOK_URL, secret: SECRET, subscriptions: ['SALE_NEW', 'CONTACT_TAG_ADDED'] }),
  });
  expect(response.status).toBe(201);
});
afterEach(() => {
  server.resetHandlers();
  api.reset();
  receiver.clearDeliveries();
});
afterAll(() => server.close());

describe('sale receiver', () => {
  it('tags the buyer when systeme.io reports a sale', async () => {
    const buyer = api.store.contacts[0]!;
    expect(buyer.tags).not.toContainEqual(BUYER_TAG);

    await api.emit('SALE_NEW', { contact: buyer.id });

    expect(api.store.getContact(buyer.id)!.tags).toContainEqual(BUYER_TAG);
    // The sale, then the CONTACT_TAG_ADDED that the app's own API call caused.
    expect(receiver.deliveries.map((d) => [d.headers['x-webhook-event'], d.status])).toEqual([
      ['SALE_NEW', 200],
      ['CONTACT_TAG_ADDED', 200],
    ]);
    expect(api.deliveries.map((d) => [d.trigger, d.status])).toEqual([
      ['SALE_NEW', 200],
      ['CONTACT_TAG_ADDED', 200],
    ]);
    expect(tagCalls).toBe(1);
  });

  it('handles a redelivered message once', async () => {
    const buyer = api.store.contacts[1]!;
    const delivery = { secret: SECRET, url: WEBHOOK_URL, messageId: '01a0e483-09fb-7d11-ac67-be0fb3c6a98b' };
    const overrides = { customer: { contactId: buyer.id, email: buyer.email } };

    const first = await app.fetch(createWebhookRequest('SALE_NEW', { ...delivery, overrides }));
    const again = await app.fetch(createWebhookRequest('SALE_NEW', { ...delivery, overrides }));

    expect(await first.json()).toEqual({ status: 'processed' });
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(tagCalls).toBe(1);
    expect(api.store.getContact(buyer.id)!.tags).toContainEqual(BUYER_TAG);
  });

  it('rejects a delivery whose signature does not match', async () => {
    const response = await app.fetch(createWebhookRequest('SALE_NEW', { secret: 'someone-elses-secret', url: WEBHOOK_URL }));
    expect(response.status).toBe(401);
    expect(tagCalls).toBe(0);
  });

  it('asks for a retry when the systeme.io API fails, then handles the retry', async () => {
    const buyer = api.store.contacts[2]!;
    server.use(
      http.post(
        'https://api.systeme.io/api/contacts/:id/tags',
        () => HttpResponse.json({ detail: 'Service Unavailable' }, { status: 503 }),
        { once: true },
      ),
    );
    const delivery = {
      secret: SECRET,
      url: WEBHOOK_URL,
      messageId: '01a0e483-0a93-791e-8aa0-133b57df3f20',
      overrides: { customer: { contactId: buyer.id } },
    };

    const failed = await app.fetch(createWebhookRequest('SALE_NEW', delivery));
    expect(failed.status).toBe(502);
    expect(await failed.json()).toEqual({ error: 'systeme.io API answered 503' });

    const retried = await app.fetch(createWebhookRequest('SALE_NEW', delivery));
    expect(retried.status).toBe(200);
    expect(tagCalls).toBe(2);
    expect(api.store.getContact(buyer.id)!.tags).toContainEqual(BUYER_TAG);
  });
});
