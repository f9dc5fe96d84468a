import { describe, expect, it } from 'vitest';
import { computeRetryDelay, parseRetryAfter } from '../../src/delivery/compute-retry-delay.js';
import { isSuccessStatus, normalizeSendOptions } from '../../src/delivery/normalize-send-options.js';

describe('normalizeSendOptions', () => {
  it('fills the documented defaults', () => {
    const options = normalizeSendOptions({ to: 'http://127.0.0.1:3000/webhooks' });
    expect(options).toMatchObject({
      url: 'http://127.0.0.1:3000/webhooks',
      secret: undefined,
      unsigned: false,
      timeoutMs: 10_000,
      retry: { limit: 3, delayMs: 1000, factor: 2, maxDelayMs: 30_000 },
      success: [[200, 299]],
      faults: [],
      sourceIp: false,
    });
    expect(options.subscriptionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it.each(['htp:/x', 'not a url', '127.0.0.1:3000/webhooks', 'ftp://example.com/', 'http://'])('rejects --to %s', (to) => {
    expect(() => normalizeSendOptions({ to })).toThrow(
      `Failed to parse --to "${to}": not an http(s) URL. Pass a URL like http://127.0.0.1:3000/webhooks.`,
    );
  });

  it('accepts numbers as strings (as flags arrive) and rejects what is not a number', () => {
    expect(normalizeSendOptions({ to: 'https://example.com/', timeoutMs: '250', retries: '0' })).toMatchObject({
      timeoutMs: 250,
      retry: { limit: 0 },
    });
    expect(() => normalizeSendOptions({ to: 'https://example.com/', timeoutMs: 'soon' })).toThrow(
      'Failed to read --timeout "soon": it is not a duration. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --timeout 10s.',
    );
    expect(() => normalizeSendOptions({ to: 'https://example.com/', retries: '1.5' })).toThrow(
      'Failed to read --retries "1.5": expected a whole number from 0. Pass e.g. --retries 3.',
    );
    expect(() => normalizeSendOptions({ to: 'https://example.com/', retries: -1 })).toThrow(
      'Failed to read --retries -1: expected a whole number from 0. Pass e.g. --retries 3.',
    );
  });

  it('parses success codes and ranges', () => {
    const options = normalizeSendOptions({ to: 'https://example.com/', success: '200-202, 204,302' });
    expect(options.success).toEqual([
      [200, 202],
      [204, 204],
      [302, 302],
    ]);
    expect([200, 203, 204, 302, 500].map((s) => isSuccessStatus(s, options))).toEqual([true, false, true, true, false]);
    expect(() => normalizeSendOptions({ to: 'https://example.com/', success: '2xx' })).toThrow(
      'Failed to parse --success "2xx": expected status codes or ranges like 200-299,304. Pass e.g. --success 200-299.',
    );
  });

  it('rejects an empty secret', () => {
    expect(() => normalizeSendOptions({ to: 'https://example.com/', secret: '' })).toThrow(
      "Failed to read the secret: it is empty. Pass the webhook's secret, as set in systeme.io.",
    );
  });
});

describe('computeRetryDelay and parseRetryAfter', () => {
  const schedule = { limit: 6, delayMs: 1000, factor: 2, maxDelayMs: 10_000 };

  it('doubles from the first delay and caps, without jitter', () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => computeRetryDelay(retry, schedule))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('lets Retry-After win over the schedule, capped', () => {
    expect(computeRetryDelay(1, schedule, 0)).toBe(0);
    expect(computeRetryDelay(1, schedule, 7000)).toBe(7000);
    expect(computeRetryDelay(1, schedule, 3_600_000)).toBe(10_000);
    expect(computeRetryDelay(2, schedule, null)).toBe(2000);
  });

  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-09-27T20:16:27Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 27 Sep 2026 20:16:57 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 27 Sep 2026 20:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
