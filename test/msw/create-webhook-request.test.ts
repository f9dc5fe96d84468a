import { Hono } from 'hono';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/index.js';
import { createReceiverHandler, createWebhookRequest } from '../../src/msw/index.js';
import { createRateLimiter } from '../../src/msw/create-rate-limiter.js';
import { signPayload, verifySignature } from '../../src/signature/index.js';

describe('createWebhookRequest', () => {
  it('carries the generator’s exact bytes and the signed webhooks headers', async () => {
    const request = createWebhookRequest('SALE_NEW', {
      secret: 'whsec',
      seed: 7,
      index: 3,
      messageId: '01a0e483-09fb-7d11-ac67-be0fb3c6a98b',
    });
    const expected = generate('SALE_NEW', { seed: 7, index: 3 });
    const body = await request.text();
    expect(body).toBe(expected.body);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://localhost/webhooks/systeme');
    expect(request.headers.get('x-webhook-signature')).toBe(signPayload(expected.body, 'whsec'));
    expect(request.headers.get('x-webhook-event')).toBe('SALE_NEW');
    expect(request.headers.get('x-webhook-schema-version')).toBe('2');
    expect(request.headers.get('x-webhook-message-id')).toBe('01a0e483-09fb-7d11-ac67-be0fb3c6a98b');
    expect(request.headers.get('x-webhook-event-timestamp')).toBe(expected.eventTime.toISOString().slice(0, 19) + '+00:00');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('user-agent')).toBe('SystemeIO-Webhook');
  });

  it('sends no signature without a secret, and the given one when asked', () => {
    expect(createWebhookRequest('CONTACT_CREATED').headers.has('x-webhook-signature')).toBe(false);
    expect(createWebhookRequest('CONTACT_CREATED', { secret: 's', signature: 'f'.repeat(64) }).headers.get('x-webhook-signature')).toBe(
      'f'.repeat(64),
    );
  });

  it('keeps a subscription id stable per URL and ids fresh per request', () => {
    const a = createWebhookRequest('CONTACT_CREATED', { url: 'https://a.test/h' });
    const b = createWebhookRequest('CONTACT_CREATED', { url: 'https://a.test/h' });
    const c = createWebhookRequest('CONTACT_CREATED', { url: 'https://c.test/h' });
    expect(a.headers.get('x-webhook-subscription-id')).toBe(b.headers.get('x-webhook-subscription-id'));
    expect(a.headers.get('x-webhook-subscription-id')).not.toBe(c.headers.get('x-webhook-subscription-id'));
    expect(a.headers.get('x-webhook-message-id')).not.toBe(b.headers.get('x-webhook-message-id'));
  });

  it('applies overrides and sends given bytes as they are', async () => {
    const overridden = createWebhookRequest('SALE_NEW', { seed: 1, overrides: { customer: { email: 'buyer@example.com' } } });
    expect((JSON.parse(await overridden.text()) as { customer: { email: string } }).customer.email).toBe('buyer@example.com');
    const raw = '{"contact":{"email":"a\\/b"}}';
    const request = createWebhookRequest('CONTACT_CREATED', { body: raw, secret: 'k' });
    expect(await request.text()).toBe(raw);
    expect(request.headers.get('x-webhook-signature')).toBe(signPayload(raw, 'k'));
  });

  it('uses the automation dialect’s Symfony headers for automation triggers', async () => {
    const request = createWebhookRequest('customer.sale.completed', { seed: 2, secret: 'ignored' });
    expect(Object.fromEntries(request.headers)).toEqual({
      accept: 'application/json',
      'accept-charset': 'ISO-8859-1,utf-8;q=0.7,*;q=0.7',
      'accept-language': 'en-us,en;q=0.5',
      'content-type': 'application/json',
      'user-agent': 'Symfony',
    });
    expect(await request.text()).toBe(generate('customer.sale.completed', { seed: 2 }).body);
  });

  it('names the closest trigger when the id is unknown', () => {
    expect(() => createWebhookRequest('SALE_NEWW')).toThrow(
      'Failed to find trigger "SALE_NEWW": it is not in the catalog. Did you mean "SALE_NEW"?',
    );
  });

  it('drives a Hono app directly, catching a receiver that verifies re-serialized JSON', async () => {
    const secret = 'whsec';
    const app = new Hono();
    app.post('/raw', async (c) => {
      const body = await c.req.text();
      return c.text('', verifySignature(body, c.req.header('x-webhook-signature'), secret) ? 200 : 401);
    });
    app.post('/reserialized', async (c) => {
      const body = JSON.stringify(await c.req.json());
      return c.text('', verifySignature(body, c.req.header('x-webhook-signature'), secret) ? 200 : 401);
    });
    // Seed 1's SALE_NEW holds URLs, so its wire bytes have "\/" that JSON.stringify would drop.
    const raw = await app.fetch(createWebhookRequest('SALE_NEW', { secret, seed: 1, url: 'http://localhost/raw' }));
    const naive = await app.fetch(createWebhookRequest('SALE_NEW', { secret, seed: 1, url: 'http://localhost/reserialized' }));
    expect(raw.status).toBe(200);
    expect(naive.status).toBe(401);
  });
});

describe('createReceiverHandler', () => {
  it('hands deliveries to a fetch handler and records requests and answers', async () => {
    const receiver = createReceiverHandler('https://app.test/hook', async (request) => {
      const body = await request.text();
      if (body === 'boom') throw new Error('handler exploded');
      return HttpResponse.json({ got: body.length }, { status: 202 });
    });
    const server = setupServer(
      receiver,
      http.get('https://app.test/other', () => new Response('other')),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const ok = await fetch('https://app.test/hook', { method: 'POST', body: 'hello', headers: { 'x-webhook-message-id': 'm1' } });
      expect(ok.status).toBe(202);
      expect(await ok.json()).toEqual({ got: 5 });
      const failed = await fetch('https://app.test/hook', { method: 'POST', body: 'boom' });
      expect(failed.status).toBe(500);
      expect(receiver.deliveries).toEqual([
        {
          url: 'https://app.test/hook',
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-webhook-message-id': 'm1' },
          body: 'hello',
          status: 202,
          responseBody: '{"got":5}',
          error: null,
        },
        {
          url: 'https://app.test/hook',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          body: 'boom',
          status: 500,
          responseBody: 'Internal Server Error',
          error: 'handler exploded',
        },
      ]);
      receiver.clearDeliveries();
      expect(receiver.deliveries).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('createRateLimiter', () => {
  it('refills the whole budget when the window has passed', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 2, refillSeconds: 10, enforce: true }, () => now);
    expect(limiter.take()).toEqual({
      allowed: true,
      headers: { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-refill': '10' },
    });
    now += 4_500;
    expect(limiter.take().headers['x-ratelimit-refill']).toBe('6');
    expect(limiter.take()).toEqual({
      allowed: false,
      headers: { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-refill': '6' },
    });
    now += 5_500;
    expect(limiter.take()).toEqual({
      allowed: true,
      headers: { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-refill': '10' },
    });
  });

  it('only counts down when not enforced', () => {
    const limiter = createRateLimiter({ limit: 1, refillSeconds: 60, enforce: false }, () => 0);
    limiter.take();
    expect(limiter.take()).toEqual({
      allowed: true,
      headers: { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-refill': '60' },
    });
  });
});
