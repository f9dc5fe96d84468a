import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/signature/verify-signature.js';
import { createTriggerPicker } from '../../src/load/create-trigger-picker.js';
import { decodeHistogram } from '../../src/load/load-stats.js';
import { fireLoad } from '../../src/load/fire-load.js';
import type { FireReport } from '../../src/load/build-fire-report.js';
import { readLog } from './support/read-log.js';
import { startTestReceiver } from './support/start-test-receiver.js';
import type { TestReceiver } from './support/start-test-receiver.js';

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const tmp = (): string => mkdtempSync(join(tmpdir(), 'fire-load-'));

describe('fireLoad', () => {
  it('fires unique, freshly signed generated events; report, log and receiver agree for a receiver failing every 10th', async () => {
    receiver = await startTestReceiver({
      keepBodies: true,
      statusFor: (n) => (n % 10 === 0 ? 500 : 202),
      delayFor: (n) => (n % 7 === 0 ? 20 : 0),
    });
    const dir = tmp();
    const { report, verdict } = await fireLoad({
      triggers: ['SALE_NEW=80', 'SALE_CANCELED=20'],
      to: receiver.url,
      rate: '500/s',
      count: 200,
      seed: 7,
      secret: 'load-secret',
      env: {},
      report: join(dir, 'report.json'),
      log: join(dir, 'log.ndjson'),
      thresholds: ['errors<1%', 'p99<10s'],
    });
    expect(verdict).toBe('thresholds-failed');
    expect(report.thresholds.map((t) => [t.expression, t.passed])).toEqual([
      ['errors<1%', false],
      ['p99<10s', true],
    ]);
    expect(report.thresholds[0]!.actual).toBe(0.1);
    expect(report.counts).toMatchObject({ scheduled: 200, sent: 200, responses: 200, ok: 180, failed: 20, dropped: 0 });
    expect(report.statusCounts).toEqual({ '202': receiver.answered.get(202), '500': receiver.answered.get(500) });
    expect(report.statusCounts).toEqual({ '202': 180, '500': 20 });

    // Trigger picks are a function of (seed, index): the report holds exactly the picker's counts.
    const pick = createTriggerPicker(
      [
        { trigger: 'SALE_NEW', weight: 80 },
        { trigger: 'SALE_CANCELED', weight: 20 },
      ],
      '7',
    );
    const expected: Record<string, number> = {};
    for (let i = 0; i < 200; i++) expected[pick(i)] = (expected[pick(i)] ?? 0) + 1;
    expect(report.triggerCounts).toEqual(expected);
    expect(report.triggerCounts).toEqual({ SALE_CANCELED: 42, SALE_NEW: 158 });
    expect(receiver.received.filter((r) => r.headers['x-webhook-event'] === 'SALE_CANCELED').length).toBe(42);

    // Every body is signed over its exact bytes, every message id is unique.
    for (const r of receiver.received) expect(verifySignature(r.body, String(r.headers['x-webhook-signature']), 'load-secret')).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['x-webhook-message-id'])).size).toBe(200);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(200);

    const written = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as FireReport;
    expect(written.counts).toEqual(report.counts);
    expect(decodeHistogram(written.histograms.fromIntended).totalCount).toBe(200);
    expect(written.timeline.reduce((n, s) => n + s.sent, 0)).toBe(200);

    const log = readLog(join(dir, 'log.ndjson'));
    expect(log.length).toBe(200);
    expect(log.filter((l) => !l.ok).length).toBe(20);
    expect(new Set(log.map((l) => l.messageId))).toEqual(new Set(receiver.received.map((r) => r.headers['x-webhook-message-id'])));
  });

  it('with workers: 2 splits the schedule and the merged report is the sum of the parts', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n % 10 === 0 ? 503 : 204) });
    const dir = tmp();
    const { report } = await fireLoad({
      triggers: ['SALE_NEW', 'CONTACT_CREATED'],
      to: receiver.url,
      rate: '400/s',
      count: 201,
      concurrency: 16,
      workers: 2,
      seed: 3,
      env: {},
      unsigned: true,
      log: join(dir, 'log.ndjson'),
    });
    expect(report.counts).toMatchObject({ scheduled: 201, sent: 201, ok: 181, failed: 20, dropped: 0 });
    expect(report.statusCounts).toEqual({ '204': 181, '503': 20 });
    expect(receiver.received.length).toBe(201);
    const pick = createTriggerPicker(
      [
        { trigger: 'SALE_NEW', weight: 1 },
        { trigger: 'CONTACT_CREATED', weight: 1 },
      ],
      '3',
    );
    const expected: Record<string, number> = {};
    for (let i = 0; i < 201; i++) expected[pick(i)] = (expected[pick(i)] ?? 0) + 1;
    expect(report.triggerCounts).toEqual(expected);
    expect(decodeHistogram(report.histograms.fromIntended).totalCount).toBe(201);
    expect(readLog(join(dir, 'log.ndjson')).length).toBe(201);
    // The workers' per-second histograms and counts crossed postMessage and merged: they add up to the run's.
    const perSecond: Record<string, number> = {};
    let intended = 0;
    let fromSend = 0;
    for (const s of report.timeline) {
      for (const [status, n] of Object.entries(s.statusCounts!)) perSecond[status] = (perSecond[status] ?? 0) + n;
      expect(s.errorCounts).toEqual({});
      intended += decodeHistogram(s.histograms!.fromIntended).totalCount;
      fromSend += decodeHistogram(s.histograms!.fromSend).totalCount;
      expect(s.latency!.max).toBe(s.maxMs);
      expect(s.latency!.p50).toBeLessThanOrEqual(s.latency!.p99);
      expect(s.actualLatency!.max).toBeLessThanOrEqual(s.latency!.max);
    }
    expect(perSecond).toEqual({ '204': 181, '503': 20 });
    expect([intended, fromSend]).toEqual([201, 201]);
  });

  it('ends in a report when the receiver stops answering mid-run', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n > 50 ? null : 204) });
    const { report, verdict } = await fireLoad({
      triggers: ['SALE_NEW'],
      to: receiver.url,
      rate: '500/s',
      count: 200,
      concurrency: 10,
      timeout: '300ms',
      maxLag: '100ms',
      env: {},
      unsigned: true,
      thresholds: ['errors<1%'],
    });
    expect(verdict).toBe('thresholds-failed');
    expect(report.counts.ok).toBe(50);
    expect(report.counts.sent + report.counts.dropped).toBe(200);
    expect(report.errorCounts).toEqual({ timeout: report.counts.sent - 50 });
    expect(report.counts.dropped).toBeGreaterThan(0);
  });

  it('refuses an unknown trigger before sending anything', async () => {
    await expect(fireLoad({ triggers: ['SALE_NEWW'], to: 'http://127.0.0.1:9/', count: 1, env: {} })).rejects.toThrow(
      'Failed to find trigger "SALE_NEWW": it is not in the catalog.',
    );
  });
});
