import { describe, expect, it } from 'vitest';
import { computeWebhookCreatedMs, createSubscriptionId } from '../../src/wire/uuid-v7.js';
import { createFireRequestFactory } from '../../src/load/create-fire-request-factory.js';
import { createWebhookRequest } from '../../src/msw/create-webhook-request.js';

const uuidMs = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

function headerOf(flat: readonly string[], name: string): string {
  const at = flat.indexOf(name);
  expect(at, name).toBeGreaterThanOrEqual(0);
  return flat[at + 1]!;
}

describe('header timing as captured (event :27, message 28.155, attempt 28.307)', () => {
  it('puts the event before the message id and the message id before the attempt, with small gaps, on every fired request', () => {
    const make = createFireRequestFactory({
      url: 'http://127.0.0.1:9/hooks',
      mix: [{ trigger: 'SALE_NEW', weight: 1 }],
      seed: '7',
      secret: 's',
      wire: false,
    });
    const again = createFireRequestFactory({
      url: 'http://127.0.0.1:9/hooks',
      mix: [{ trigger: 'SALE_NEW', weight: 1 }],
      seed: '7',
      secret: 's',
      wire: false,
    });
    const start = Date.UTC(2026, 8, 27, 20, 16, 28, 307);
    const messageGaps = new Set<number>();
    for (let index = 0; index < 2000; index++) {
      const now = new Date(start + index * 137);
      const request = make(index, now);
      const headers = request.headers as string[];
      const eventMs = Date.parse(headerOf(headers, 'x-webhook-event-timestamp'));
      const messageMs = uuidMs(headerOf(headers, 'x-webhook-message-id'));
      const attemptMs = uuidMs(headerOf(headers, 'x-webhook-delivery-attempt-id'));
      expect(attemptMs).toBe(now.getTime());
      expect(Date.parse(headerOf(headers, 'x-webhook-delivery-attempt-timestamp'))).toBe(Math.floor(attemptMs / 1000) * 1000);
      expect(attemptMs - messageMs).toBeGreaterThanOrEqual(60);
      expect(attemptMs - messageMs).toBeLessThanOrEqual(400);
      // The event timestamp has second precision: the event happened 300-1500 ms before the message.
      expect(messageMs - eventMs).toBeGreaterThanOrEqual(300);
      expect(messageMs - eventMs).toBeLessThan(2500);
      messageGaps.add(attemptMs - messageMs);
      const twin = again(index, now).headers as string[];
      expect(uuidMs(headerOf(twin, 'x-webhook-message-id'))).toBe(messageMs);
      expect(headerOf(twin, 'x-webhook-event-timestamp')).toBe(headerOf(headers, 'x-webhook-event-timestamp'));
    }
    expect(messageGaps.size).toBeGreaterThan(200);
  });

  it('dates a request made for a seed forward from its event: message then attempt', () => {
    for (let index = 0; index < 200; index++) {
      const request = createWebhookRequest('SALE_NEW', { secret: 's', seed: 3, index });
      const eventMs = Date.parse(request.headers.get('x-webhook-event-timestamp')!);
      const messageMs = uuidMs(request.headers.get('x-webhook-message-id')!);
      const attemptMs = uuidMs(request.headers.get('x-webhook-delivery-attempt-id')!);
      expect(messageMs - eventMs).toBeGreaterThanOrEqual(300);
      expect(messageMs - eventMs).toBeLessThanOrEqual(1500);
      expect(attemptMs - messageMs).toBeGreaterThanOrEqual(60);
      expect(attemptMs - messageMs).toBeLessThanOrEqual(400);
      expect(Date.parse(request.headers.get('x-webhook-delivery-attempt-timestamp')!)).toBe(Math.floor(attemptMs / 1000) * 1000);
    }
  });

  it('stamps the subscription id with the webhook’s creation, derived from the seed, before any seeded event', () => {
    const url = 'http://127.0.0.1:3000/hooks';
    const times = new Set<number>();
    for (let seed = 0; seed < 50; seed++) {
      const id = createSubscriptionId(url, String(seed));
      expect(createSubscriptionId(url, String(seed))).toBe(id);
      const ms = uuidMs(id);
      expect(ms).toBe(computeWebhookCreatedMs(url, String(seed)));
      expect(ms).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1));
      expect(ms).toBeLessThan(Date.UTC(2025, 0, 1));
      times.add(ms);
    }
    expect(times.size).toBe(50);
    expect(uuidMs(createSubscriptionId(url, '1'))).not.toBe(uuidMs(createSubscriptionId('http://127.0.0.1:3001/hooks', '1')));
  });
});
