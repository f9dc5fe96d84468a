/**
 * A subscription belongs to a sale of a subscription offer: cancelling it through the API raises a signed
 * SALE_CANCELED about the same order as its SALE_NEW, after it. Signatures are checked with node:crypto
 * directly (HMAC-SHA256 hex of the raw body, reference §1b), not with the library's verifier.
 */
import { createHmac } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReceiverHandler, createSystemeApi } from '../../src/msw/index.js';

const BASE = 'https://api.systeme.io/api';
const KEY = 'subs-key';
const HOOK = 'https://shop.test/webhooks/systeme';
const SECRET = 'whsec-subscriptions';

const api = createSystemeApi({ apiKey: KEY, seed: 5 });
const receiver = createReceiverHandler(HOOK, () => new Response(null, { status: 204 }));
const server = setupServer(...api.handlers, receiver);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  api.reset();
  receiver.clearDeliveries();
});
afterAll(() => server.close());

const header = (headers: Record<string, string>, name: string) => headers[name];
const hmac = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
}

describe('cancelling a subscription', () => {
  it("raises a verified SALE_CANCELED about the same order as the subscription's SALE_NEW, after it", async () => {
    const registered = await call('POST', '/webhooks', {
      name: 'Shop',
      url: HOOK,
      secret: SECRET,
      subscriptions: [
        { event: 'SALE_NEW', schemaVersion: 2 },
        { event: 'SALE_CANCELED', schemaVersion: 2 },
      ],
    });
    expect(registered.status).toBe(201);
    const subscription = api.store.subscriptions[0]!;
    expect(subscription.status).toBe('active');

    await api.emit('SALE_NEW', { subscription: subscription.id });
    const cancelled = await call('POST', `/payment/subscriptions/${subscription.id}/cancel`, { cancel: 'Now' });
    expect(cancelled).toEqual({ status: 204, body: null });

    expect(receiver.deliveries.map((d) => [header(d.headers, 'x-webhook-event'), d.status])).toEqual([
      ['SALE_NEW', 204],
      ['SALE_CANCELED', 204],
    ]);
    const [sold, cancel] = receiver.deliveries as [(typeof receiver.deliveries)[0], (typeof receiver.deliveries)[0]];
    for (const d of [sold, cancel]) {
      expect(header(d.headers, 'x-webhook-signature')).toBe(hmac(d.body));
      expect(header(d.headers, 'x-webhook-subscription-id')).toBe(registered.body!['id']);
      expect(header(d.headers, 'x-webhook-schema-version')).toBe('2');
    }
    const sale = JSON.parse(sold.body) as Record<string, Record<string, unknown>>;
    const canceled = JSON.parse(cancel.body) as Record<string, Record<string, unknown>>;
    // The same order, order item, price plan and buyer as the sale the subscription came from.
    expect(canceled['order']).toEqual(sale['order']);
    expect(canceled['orderItem']).toEqual(sale['orderItem']);
    expect(canceled['pricePlan']).toEqual(sale['pricePlan']);
    expect(canceled['customer']).toEqual(sale['customer']);
    expect(sale['pricePlan']!['recurringOptions']).toMatchObject({ interval: subscription.pricePlan.recurringOptions!.interval });
    expect(canceled['customer']!['contactId']).toBe(subscription.contact.id);
    expect(canceled['customer']!['email']).toBe(subscription.contact.email);
    const stored = api.store.getSubscriptionSale(subscription.id) as Record<string, Record<string, unknown>>;
    expect(canceled['order']!['id']).toBe(stored['order']!['id']);
    expect(subscription.createdAt).toBe(stored['order']!['createdAt']);
    // Time runs forward: the order, then the sale's event, then the cancellation.
    const eventTime = (d: typeof sold) => Date.parse(header(d.headers, 'x-webhook-event-timestamp')!);
    expect(Date.parse(String(sale['order']!['createdAt']))).toBeLessThanOrEqual(eventTime(sold));
    expect(eventTime(sold)).toBeLessThanOrEqual(eventTime(cancel));
    expect(eventTime(cancel)).toBeGreaterThan(Date.parse(String(canceled['order']!['createdAt'])));
    expect(header(cancel.headers, 'x-webhook-message-id')).not.toBe(header(sold.headers, 'x-webhook-message-id'));

    const listed = await call('GET', `/payment/subscriptions?contact=${subscription.contact.id}`);
    expect((listed.body!['items'] as Array<Record<string, unknown>>).find((s) => s['id'] === subscription.id)).toMatchObject({
      status: 'cancelled',
      cancelledAt: header(cancel.headers, 'x-webhook-event-timestamp'),
    });
  });

  it('refuses a bad cancel option (422) and an unknown subscription (404), and raises nothing', async () => {
    api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['SALE_CANCELED'] });
    const id = api.store.subscriptions[0]!.id;
    expect(await call('POST', `/payment/subscriptions/${id}/cancel`, { cancel: 'Later' })).toEqual({
      status: 422,
      body: {
        detail: 'cancel: The value you selected is not a valid choice.',
        violations: [
          {
            propertyPath: 'cancel',
            message: 'The value you selected is not a valid choice.',
            code: '8e179f1b-97aa-4560-a02f-2a8b42e49df7',
          },
        ],
      },
    });
    expect((await call('POST', `/payment/subscriptions/${id}/cancel`, {})).body!['detail']).toBe('cancel: This value should not be blank.');
    expect((await call('POST', '/payment/subscriptions/999999/cancel', { cancel: 'Now' })).status).toBe(404);
    expect(receiver.deliveries).toEqual([]);
    expect(api.store.subscriptions[0]!.status).toBe('active');
  });

  it("an emitted sale of no subscription never repeats a subscription's order", async () => {
    api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['SALE_NEW'] });
    const orders = api.store.subscriptions.map((s) => (api.store.getSubscriptionSale(s.id) as { order: { id: number } }).order.id);
    expect(new Set(orders).size).toBe(3);
    for (let i = 0; i < 5; i++) await api.emit('SALE_NEW');
    const emitted = receiver.deliveries.map((d) => (JSON.parse(d.body) as { order: { id: number } }).order.id);
    expect(emitted).toHaveLength(5);
    expect(emitted.filter((id) => orders.includes(id))).toEqual([]);
  });

  it('api.emit refuses a subscription for another trigger or an unknown id with a one-line fix', async () => {
    await expect(api.emit('CONTACT_CREATED', { subscription: 1 })).rejects.toThrow(
      'Failed to emit CONTACT_CREATED: only SALE_NEW and SALE_CANCELED are about a subscription. Leave out { subscription }.',
    );
    await expect(api.emit('SALE_NEW', { subscription: 424242 })).rejects.toThrow(
      'Failed to emit SALE_NEW: no subscription 424242 in the store. Pass an id from api.store.subscriptions.',
    );
  });
});
