import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeliveryLog } from '../../src/wire/delivery-log.js';
import { deliverEvent, type AttemptResult } from '../../src/delivery/deliver-event.js';
import { normalizeSendOptions, type SendOptions } from '../../src/delivery/normalize-send-options.js';
import { createSubscriptionId } from '../../src/wire/uuid-v7.js';
import { formatAtomDate } from '../../src/encode/atom-date.js';
import { signPayload } from '../../src/signature/index.js';
import { EVENT_TIME, SALE_BODY, SECRET, TAG_BODY, trigger } from './bodies.js';
import { headerPairs, useRawServer, type RawHandler, type RawServer } from './raw-server.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SALE = { trigger: trigger('SALE_NEW'), body: SALE_BODY, eventTime: EVENT_TIME };
const TAG = { trigger: trigger('contact.tag.added'), body: TAG_BODY, eventTime: EVENT_TIME };

const serve = useRawServer();

// Tiny delays: the schedule's shape is tested in compute-retry-delay.test.ts.
function options(url: string, extra: Partial<SendOptions> = {}) {
  return normalizeSendOptions({ to: url, secret: SECRET, retries: 3, retryDelayMs: 5, retryMaxDelayMs: 20, timeoutMs: 2000, ...extra });
}

function statusSequence(...statuses: Array<number | [number, Record<string, string>]>): RawHandler {
  return (_req, res, index) => {
    const step = statuses[Math.min(index, statuses.length - 1)]!;
    const [status, headers] = typeof step === 'number' ? [step, {}] : step;
    res.writeHead(status, headers).end(`answer ${index}`);
  };
}

const uuidMs = (id: string): number => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('deliverEvent: headers on the wire', () => {
  it('sends the webhooks headers in systeme.io order, byte for byte, then only content-length, Host and Connection', async () => {
    const { url, requests } = await serve();
    const result = await deliverEvent(SALE, options(url));
    expect(result.ok).toBe(true);
    const request = requests[0]!;
    const attempt = result.attempts[0]!;
    const port = new URL(url).port;
    expect(headerPairs(request.rawHeaders)).toEqual([
      ['accept-encoding', 'gzip'],
      ['x-webhook-schema-version', '2'],
      ['x-webhook-signature', signPayload(SALE_BODY, SECRET)],
      ['x-webhook-delivery-attempt-timestamp', formatAtomDate(new Date(attempt.time))],
      ['x-webhook-delivery-attempt-id', attempt.attemptId!],
      ['x-webhook-event-timestamp', '2026-09-27T20:16:27+00:00'],
      ['x-webhook-event', 'SALE_NEW'],
      ['x-webhook-subscription-id', createSubscriptionId(url)],
      ['x-webhook-message-id', result.messageId],
      ['user-agent', 'SystemeIO-Webhook'],
      ['accept', 'application/json'],
      ['content-type', 'application/json'],
      ['content-length', String(Buffer.byteLength(SALE_BODY))],
      ['Host', `127.0.0.1:${port}`],
      ['Connection', 'keep-alive'],
    ]);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/webhooks');
    expect(request.body.equals(Buffer.from(SALE_BODY))).toBe(true);
    expect(result.messageId).toMatch(UUID_V7);
    expect(attempt.attemptId).toMatch(UUID_V7);
    expect(attempt.attemptId).not.toBe(result.messageId);
    // The message id was created shortly before the attempt (CAP: 152 ms), never in the same millisecond.
    const gap = uuidMs(attempt.attemptId!) - uuidMs(result.messageId);
    expect(gap).toBeGreaterThanOrEqual(60);
    expect(gap).toBeLessThanOrEqual(400);
    expect(uuidMs(attempt.attemptId!)).toBe(Date.parse(attempt.time));
  });

  it('uses the captured signature value for the captured body bytes', async () => {
    const { url, requests } = await serve();
    await deliverEvent(SALE, options(url));
    // HMAC computed independently of this code (Python's hmac) for SALE_BODY and SECRET.
    expect(requests[0]!.headers['x-webhook-signature']).toBe(signPayload(SALE_BODY, SECRET));
    expect(requests[0]!.headers['x-webhook-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends the automation dialect unsigned with the Symfony headers, no accept-encoding and no got user-agent', async () => {
    const { url, requests } = await serve();
    const result = await deliverEvent(TAG, options(url));
    expect(result.ok).toBe(true);
    expect(result.attempts[0]!.attemptId).toBeNull();
    expect(headerPairs(requests[0]!.rawHeaders)).toEqual([
      ['content-type', 'application/json'],
      ['accept-charset', 'ISO-8859-1,utf-8;q=0.7,*;q=0.7'],
      ['accept-language', 'en-us,en;q=0.5'],
      ['accept', 'application/json'],
      ['user-agent', 'Symfony'],
      ['content-length', String(Buffer.byteLength(TAG_BODY))],
      ['Host', `127.0.0.1:${new URL(url).port}`],
      ['Connection', 'keep-alive'],
    ]);
    expect(requests[0]!.body.toString()).toBe(TAG_BODY);
  });

  it('keeps the subscription id stable per target URL and different between URLs', async () => {
    const { url, requests } = await serve();
    await deliverEvent(SALE, options(url));
    await deliverEvent(SALE, options(url));
    await deliverEvent(SALE, options(`${url}/other`));
    const ids = requests.map((r) => r.headers['x-webhook-subscription-id']);
    expect(ids[0]).toMatch(UUID_V7);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(requests[0]!.headers['x-webhook-message-id']).not.toBe(requests[1]!.headers['x-webhook-message-id']);
  });

  it('adds x-forwarded-for with one of systeme.io addresses, picked by event index, with --source-ip', async () => {
    const { url, requests } = await serve();
    for (const index of [0, 1, 2, 3]) await deliverEvent({ ...SALE, index }, options(url, { sourceIp: true }));
    expect(requests.map((r) => headerPairs(r.rawHeaders)[12])).toEqual([
      ['x-forwarded-for', '185.236.142.1'],
      ['x-forwarded-for', '185.236.142.2'],
      ['x-forwarded-for', '185.236.142.3'],
      ['x-forwarded-for', '185.236.142.1'],
    ]);
  });

  it('sends no signature with unsigned and no secret', async () => {
    const { url, requests } = await serve();
    await deliverEvent(SALE, options(url, { secret: undefined, unsigned: true }));
    expect(requests[0]!.headers['x-webhook-signature']).toBeUndefined();
    expect(headerPairs(requests[0]!.rawHeaders)[1]).toEqual(['x-webhook-schema-version', '2']);
    expect(headerPairs(requests[0]!.rawHeaders)[2]![0]).toBe('x-webhook-delivery-attempt-timestamp');
  });

  it('refuses a webhooks trigger with no secret, naming the fix', async () => {
    const { url, requests } = await serve();
    await expect(deliverEvent(SALE, options(url, { secret: undefined }))).rejects.toThrow(
      `Failed to sign SALE_NEW for ${url}: no secret. Pass --secret-file FILE or set SYSTEME_MOCK_SECRET (or pass --unsigned to send it without x-webhook-signature).`,
    );
    expect(requests).toHaveLength(0);
  });
});

describe('deliverEvent: retries', () => {
  function expectRetryIds(result: Awaited<ReturnType<typeof deliverEvent>>, requests: RawServer['requests']): void {
    const messageIds = new Set(requests.map((r) => r.headers['x-webhook-message-id']));
    expect(messageIds).toEqual(new Set([result.messageId]));
    expect(new Set(requests.map((r) => r.headers['x-webhook-event-timestamp']))).toEqual(new Set(['2026-09-27T20:16:27+00:00']));
    const attemptIds = requests.map((r) => r.headers['x-webhook-delivery-attempt-id']);
    expect(new Set(attemptIds).size).toBe(requests.length);
    expect(attemptIds).toEqual(result.attempts.map((a) => a.attemptId));
    // Each attempt stamps its own time: the header is the attempt's own start, not the first one's.
    expect(requests.map((r) => r.headers['x-webhook-delivery-attempt-timestamp'])).toEqual(
      result.attempts.map((a) => formatAtomDate(new Date(a.time))),
    );
    expect(result.attempts.map((a) => a.attempt)).toEqual(requests.map((_r, i) => i + 1));
  }

  it('retries a 500, keeping the message id and event timestamp, with a new attempt id each time', async () => {
    const { url, requests } = await serve(statusSequence(500, 500, 200));
    const result = await deliverEvent(SALE, options(url));
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.status, a.error, a.ok])).toEqual([
      [500, 'HTTP 500', false],
      [500, 'HTTP 500', false],
      [200, null, true],
    ]);
    expectRetryIds(result, requests);
  });

  it('honours Retry-After on a 503 instead of a long schedule (seconds and HTTP date)', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { url, requests } = await serve(statusSequence([503, { 'retry-after': '0' }], [503, { 'retry-after': past }], 200));
    // Were Retry-After ignored, the 10-minute schedule would time the test out.
    const result = await deliverEvent(SALE, options(url, { retryDelayMs: 600_000, retryMaxDelayMs: 600_000 }));
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.status, a.retryAfterMs])).toEqual([
      [503, 0],
      [503, 0],
      [200, null],
    ]);
    expectRetryIds(result, requests);
  });

  it('caps a long Retry-After at the longest configured wait', async () => {
    const { url } = await serve(statusSequence([429, { 'retry-after': '3600' }], 204));
    const result = await deliverEvent(SALE, options(url, { retryMaxDelayMs: 10 }));
    expect(result.ok).toBe(true);
    expect(result.attempts.map((a) => [a.status, a.retryAfterMs])).toEqual([
      [429, 3_600_000],
      [204, null],
    ]);
  });

  it('retries a connection reset', async () => {
    const { url, requests } = await serve((_req, res, index) => {
      if (index === 0) res.socket?.destroy();
      else res.end('ok');
    });
    const result = await deliverEvent(SALE, options(url));
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'ECONNRESET'],
      [200, null],
    ]);
    expectRetryIds(result, requests);
  });

  it('retries a timeout', async () => {
    const { url, requests } = await serve((_req, res, index) => {
      if (index > 0) res.end('ok');
    });
    const result = await deliverEvent(SALE, options(url, { timeoutMs: 150 }));
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'ETIMEDOUT'],
      [200, null],
    ]);
    expectRetryIds(result, requests);
  });

  it('gives up after the configured retries and reports the last error', async () => {
    const { url, requests } = await serve(statusSequence(502));
    const result = await deliverEvent(SALE, options(url, { retries: 2 }));
    expect(requests).toHaveLength(3);
    expect(result).toMatchObject({ ok: false, status: 502, error: 'HTTP 502', interrupted: false });
  });

  it('retries a refused connection, then fails', async () => {
    const stopped = await serve();
    await stopped.close();
    const { url } = stopped;
    const result = await deliverEvent(SALE, options(url, { retries: 1 }));
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'ECONNREFUSED'],
      [null, 'ECONNREFUSED'],
    ]);
    expect(result.ok).toBe(false);
  });

  it.each([400, 401, 403, 404, 409, 410, 422])('does not retry a %i', async (status) => {
    const { url, requests } = await serve(statusSequence(status, 200));
    const result = await deliverEvent(SALE, options(url));
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, status, error: `HTTP ${status}` });
  });

  it('counts only the configured success codes as delivered, and does not retry other 2xx/3xx', async () => {
    const { url, requests } = await serve(statusSequence(204, 302));
    const strict = await deliverEvent(SALE, options(url, { success: '200' }));
    expect(strict).toMatchObject({ ok: false, status: 204, error: 'HTTP 204' });
    const loose = await deliverEvent(SALE, options(url, { success: '200-299,302' }));
    expect(loose).toMatchObject({ ok: true, status: 302, error: null });
    expect(requests).toHaveLength(2);
  });

  it('starts no retry once the stop signal aborts', async () => {
    const stop = new AbortController();
    const { url, requests } = await serve(statusSequence(500));
    const result = await deliverEvent(SALE, options(url, { retryDelayMs: 60_000, retryMaxDelayMs: 60_000 }), {
      stopSignal: stop.signal,
      onAttempt: () => stop.abort(),
    });
    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, interrupted: true, status: 500 });
  });

  it('cancels the attempt in flight when the abort signal aborts, and still reports it', async () => {
    const abort = new AbortController();
    const { url } = await serve((_req) => abort.abort());
    const result = await deliverEvent(SALE, options(url), { abortSignal: abort.signal });
    expect(result.attempts.map((a) => [a.status, a.error])).toEqual([[null, 'ABORTED']]);
    expect(result.interrupted).toBe(true);
  });
});

describe('deliverEvent: the attempt log', () => {
  it('writes one NDJSON line per attempt with the documented fields, and never the secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-log-'));
    const file = join(dir, 'attempts.ndjson');
    const log = createDeliveryLog(file);
    const { url } = await serve(statusSequence(503, 200));
    const seen: AttemptResult[] = [];
    const result = await deliverEvent(SALE, options(url), { log, onAttempt: (a) => seen.push(a) });
    log.close();
    const text = readFileSync(file, 'utf8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!)).toEqual([
      'time',
      'trigger',
      'messageId',
      'attempt',
      'attemptId',
      'url',
      'status',
      'durationMs',
      'error',
      'ok',
    ]);
    expect(lines.map((l) => [l['trigger'], l['messageId'], l['attempt'], l['status'], l['error'], l['ok'], l['url']])).toEqual([
      ['SALE_NEW', result.messageId, 1, 503, 'HTTP 503', false, url],
      ['SALE_NEW', result.messageId, 2, 200, null, true, url],
    ]);
    expect(lines.map((l) => l['attemptId'])).toEqual(seen.map((a) => a.attemptId));
    expect(text).not.toContain(SECRET);
  });
});
