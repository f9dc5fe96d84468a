import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryLog } from '../../src/delivery/delivery-log.js';
import { formatAtomDate } from '../../src/encode/atom-date.js';
import { createAttemptStamper, createEventBuilder } from '../../src/load/create-fire-request-factory.js';
import type { FireRequestFactoryOptions } from '../../src/load/create-fire-request-factory.js';
import { createTriggerPicker } from '../../src/load/create-trigger-picker.js';
import { fireLoad } from '../../src/load/fire-load.js';
import type { LoadEngineOptions, LoadRequest } from '../../src/load/run-load.js';
import { runWithSupply } from '../../src/load/run-with-supply.js';
import { startRequestBuilder } from '../../src/load/start-request-builder.js';
import type { RequestBuilder } from '../../src/load/start-request-builder.js';
import { verifySignature } from '../../src/signature/verify-signature.js';
import { startTestReceiver } from './support/start-test-receiver.js';
import type { TestReceiver } from './support/start-test-receiver.js';

let receiver: TestReceiver | undefined;
let builder: RequestBuilder | undefined;
afterEach(async () => {
  await builder?.close();
  builder = undefined;
  await receiver?.close();
  receiver = undefined;
});

const factory: FireRequestFactoryOptions = {
  url: 'http://127.0.0.1:9/hook',
  mix: [
    { trigger: 'SALE_NEW', weight: 1 },
    { trigger: 'CONTACT_CREATED', weight: 1 },
    { trigger: 'customer.sale.completed', weight: 2 },
  ],
  seed: '11',
  secret: 'builder-secret',
};

const header = (request: LoadRequest, name: string): string | undefined => {
  const at = request.headers.indexOf(name);
  return at === -1 ? undefined : request.headers[at + 1];
};

/** A UUIDv7 holds its millisecond time in its first 48 bits. */
const uuidV7Ms = (id: string): number => parseInt(id.replaceAll('-', '').slice(0, 12), 16);

function waitForAvailable(source: RequestBuilder, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (source.available() >= count) resolve();
    };
    source.onAvailable(check);
    check();
  });
}

describe('startRequestBuilder', () => {
  it('hands over exactly its share, in order, each the generator event of its build time, stamped when taken', async () => {
    builder = startRequestBuilder(factory, { first: 1, step: 2, count: 12, batchSize: 2, ahead: 3 });
    await builder.ready;
    const buildEvent = createEventBuilder(factory);
    const stamp = createAttemptStamper(factory);
    const taken: LoadRequest[] = [];
    for (const index of [1, 3, 5, 7, 9, 11]) {
      await waitForAvailable(builder, 1);
      // Never more than `ahead` built and waiting.
      expect(builder.available()).toBeLessThanOrEqual(3);
      const now = new Date(Date.UTC(2026, 10, 28, 12, 0, index));
      const request = builder.take(index, now);
      taken.push(request);
      // The same event, built in this thread at the same event time, gives the same bytes and signature.
      const eventTimeMs = uuidV7Ms(request.messageId);
      const expected = stamp(buildEvent(index, new Date(eventTimeMs)), now);
      expect(request.trigger).toBe(expected.trigger);
      expect(request.body).toBe(expected.body);
      expect(request.headers.filter((_, k) => k % 2 === 0)).toEqual(expected.headers.filter((_, k) => k % 2 === 0));
      if (request.attemptId !== null) {
        expect(header(request, 'x-webhook-signature')).toBe(header(expected, 'x-webhook-signature'));
        expect(verifySignature(request.body, header(request, 'x-webhook-signature')!, 'builder-secret')).toBe(true);
        expect(header(request, 'x-webhook-delivery-attempt-timestamp')).toBe(`2026-11-28T12:00:${String(index).padStart(2, '0')}+00:00`);
        expect(header(request, 'x-webhook-event-timestamp')).toBe(formatAtomDate(eventTimeMs));
        expect(header(request, 'x-webhook-message-id')).toBe(request.messageId);
        expect(uuidV7Ms(request.attemptId)).toBe(now.getTime());
      }
    }
    const pick = createTriggerPicker(factory.mix, factory.seed);
    expect(taken.map((r) => r.trigger)).toEqual([1, 3, 5, 7, 9, 11].map(pick));
    expect(taken.map((r) => r.trigger)).toEqual(['SALE_NEW', 'customer.sale.completed', 'customer.sale.completed', 'SALE_NEW', 'CONTACT_CREATED', 'customer.sale.completed']);
    // Both dialects occur, so both stampers were checked above.
    expect(new Set(taken.map((r) => r.attemptId === null))).toEqual(new Set([true, false]));
    // Index 13 is past the count: nothing more is built.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(builder.available()).toBe(0);
  });

  it('refuses to hand over an index out of order', async () => {
    builder = startRequestBuilder(factory, { first: 0, step: 1, count: Infinity, batchSize: 4, ahead: 4 });
    await builder.ready;
    expect(() => builder!.take(1, new Date())).toThrow('The builder built request 0 where the engine takes 1.');
  });

  it('fails fast on an unknown trigger, before starting a thread', () => {
    expect(() => startRequestBuilder({ ...factory, mix: [{ trigger: 'SALE_NEWW', weight: 1 }] }, { first: 0, step: 1, count: 1, batchSize: 1, ahead: 1 })).toThrow(
      'Failed to find trigger "SALE_NEWW": it is not in the catalog.',
    );
  });
});

describe('runWithSupply', () => {
  it('stops a run whose builder fails mid-run, logs every attempt made, and throws the builder error', async () => {
    receiver = await startTestReceiver();
    const logFile = join(mkdtempSync(join(tmpdir(), 'supply-')), 'log.ndjson');
    const log = createDeliveryLog(logFile);
    const stamp = createAttemptStamper(factory);
    const buildEvent = createEventBuilder(factory);
    let taken = 0;
    const failureListeners: Array<(error: Error) => void> = [];
    const failure = new Error('Failed to build requests: boom at 5');
    let failed = false;
    let closed = 0;
    // Five requests, then the builder dies.
    const fake: RequestBuilder = {
      ready: Promise.resolve(),
      available: () => (failed ? 0 : 5 - taken),
      take: (index, now) => {
        taken++;
        if (taken === 5) {
          setTimeout(() => {
            failed = true;
            for (const listener of failureListeners) listener(failure);
          }, 10);
        }
        return stamp(buildEvent(index, now), now);
      },
      onAvailable: () => {},
      failure: () => (failed ? failure : null),
      onFailure: (listener) => failureListeners.push(listener),
      close: async () => {
        closed++;
      },
    };
    const options: LoadEngineOptions = { url: receiver.url, rate: Infinity, rampMs: 0, count: Infinity, durationMs: 10_000, concurrency: 4, maxLagMs: 1000, lateAfterMs: 10, timeoutMs: 2000, graceMs: 200 };
    await expect(runWithSupply(options, { builder: fake }, undefined, log, () => () => {})).rejects.toThrow('Failed to build requests: boom at 5');
    log.close();
    expect(closed).toBe(1);
    expect(receiver.received.length).toBe(5);
    expect(readFileSync(logFile, 'utf8').trim().split('\n').length).toBe(5);
  });
});

describe('fireLoad at rate max', () => {
  it('builds events ahead on a builder thread; counts, log and receiver agree, every body signed and unique', async () => {
    receiver = await startTestReceiver({ keepBodies: true, statusFor: (n) => (n % 10 === 0 ? 500 : 204) });
    const dir = mkdtempSync(join(tmpdir(), 'fire-max-'));
    const { report } = await fireLoad({
      triggers: ['SALE_NEW=80', 'SALE_CANCELED=20'],
      to: receiver.url,
      rate: 'max',
      count: 300,
      concurrency: 8,
      seed: 5,
      secret: 'max-secret',
      env: {},
      log: join(dir, 'log.ndjson'),
    });
    expect(report.counts).toMatchObject({ scheduled: 300, sent: 300, responses: 300, ok: 270, failed: 30, dropped: 0 });
    expect(receiver.received.length).toBe(300);
    for (const r of receiver.received) {
      expect(verifySignature(r.body, String(r.headers['x-webhook-signature']), 'max-secret')).toBe(true);
      // The event happened before (or in the same second as) its delivery attempt.
      expect(String(r.headers['x-webhook-event-timestamp']) <= String(r.headers['x-webhook-delivery-attempt-timestamp'])).toBe(true);
    }
    expect(new Set(receiver.received.map((r) => r.headers['x-webhook-message-id'])).size).toBe(300);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(300);
    expect(readFileSync(join(dir, 'log.ndjson'), 'utf8').trim().split('\n').length).toBe(300);
  });
});
