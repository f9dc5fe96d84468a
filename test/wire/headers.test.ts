import { describe, expect, it } from 'vitest';
import { buildWebhooksHeaderList, buildWebhooksHeaders } from '../../src/wire/headers.js';
import type { WebhooksHeaderInput } from '../../src/wire/headers.js';
import { signPayload } from '../../src/signature/sign-payload.js';

const input: WebhooksHeaderInput = {
  event: 'SALE_NEW',
  schemaVersion: 2,
  body: '{"order":{"id":1}}',
  secret: 'head-secret',
  messageId: '01a0e483-09fb-7d11-ac67-be0fb3c6a98b',
  subscriptionId: '01a0e461-30e6-7b5b-b3cb-4b3aceac6b6c',
  attemptId: '01a0e483-0a93-791e-8aa0-133b57df3f20',
  eventTime: Date.UTC(2026, 8, 27, 20, 16, 27, 400),
  attemptTime: new Date(Date.UTC(2026, 8, 27, 20, 16, 28, 900)),
};

describe('webhooks headers', () => {
  it('lists the captured headers in the captured order, signed over the body', () => {
    expect(buildWebhooksHeaderList(input)).toEqual([
      'accept-encoding',
      'gzip',
      'x-webhook-schema-version',
      '2',
      'x-webhook-signature',
      signPayload('{"order":{"id":1}}', 'head-secret'),
      'x-webhook-delivery-attempt-timestamp',
      '2026-09-27T20:16:28+00:00',
      'x-webhook-delivery-attempt-id',
      '01a0e483-0a93-791e-8aa0-133b57df3f20',
      'x-webhook-event-timestamp',
      '2026-09-27T20:16:27+00:00',
      'x-webhook-event',
      'SALE_NEW',
      'x-webhook-subscription-id',
      '01a0e461-30e6-7b5b-b3cb-4b3aceac6b6c',
      'x-webhook-message-id',
      '01a0e483-09fb-7d11-ac67-be0fb3c6a98b',
      'user-agent',
      'SystemeIO-Webhook',
      'accept',
      'application/json',
      'content-type',
      'application/json',
    ]);
  });

  it('takes a given signature over the secret, and leaves the header out with neither', () => {
    expect(buildWebhooksHeaderList({ ...input, signature: 'f'.repeat(64) }).slice(4, 6)).toEqual(['x-webhook-signature', 'f'.repeat(64)]);
    const unsigned = buildWebhooksHeaderList({ ...input, secret: undefined });
    expect(unsigned.length).toBe(22);
    expect(unsigned).not.toContain('x-webhook-signature');
  });

  it('gives the same headers as pairs', () => {
    const flat = buildWebhooksHeaderList(input);
    expect(buildWebhooksHeaders(input)).toEqual(flat.flatMap((_, k) => (k % 2 === 0 ? [[flat[k], flat[k + 1]]] : [])));
  });
});
