// The README's MSW snippet, verbatim (test/readme.test.ts checks they match): it must keep working as written.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createReceiverHandler, createSystemeApi } from 'systeme-mock/msw';
import { verifySignature } from 'systeme-mock/signature';

// Your app's webhook route (here inline): verify the raw bytes, then act.
async function handleWebhook(request: Request): Promise<Response> {
  const body = await request.text();
  const ok = verifySignature(body, request.headers.get('x-webhook-signature'), 'whsec_test');
  return new Response(null, { status: ok ? 204 : 401 });
}

const api = createSystemeApi({ apiKey: 'test-key' });
const receiver = createReceiverHandler('https://my-app.test/webhooks/systeme', handleWebhook);
const server = setupServer(...api.handlers, receiver);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  api.reset();
  receiver.clearDeliveries();
});
afterAll(() => server.close());

test('a new sale reaches the app, signed, about a contact the API knows', async () => {
  api.addWebhook({ url: 'https://my-app.test/webhooks/systeme', secret: 'whsec_test' });
  const buyer = api.store.contacts[0]!;

  await api.emit('SALE_NEW', { contact: buyer.id });

  expect(receiver.deliveries.map((d) => d.status)).toEqual([204]);
  const sale = JSON.parse(receiver.deliveries[0]!.body);
  const res = await fetch(`https://api.systeme.io/api/contacts/${sale.customer.contactId}`, {
    headers: { 'X-API-Key': 'test-key' },
  });
  expect((await res.json()).email).toBe(buyer.email);
});
