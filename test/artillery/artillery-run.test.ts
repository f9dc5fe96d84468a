// A real Artillery run (2.0.34 under Node 22, two local workers, loopback only) with the example's
// scenario and processor against the embedded inbox, which verifies every signature and body shape.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '../../src/receiver/create-inbox.js';
import type { Inbox } from '../../src/receiver/create-inbox.js';
import { runArtillery } from './support/run-artillery.js';
import type { ArtilleryRun } from './support/run-artillery.js';

const SCENARIO = fileURLToPath(new URL('../../examples/artillery/sales.yml', import.meta.url));
const SECRET = 'artillery-test-secret';
const SECONDS = 20;
const ARRIVALS_PER_SECOND = 50;

interface ArtilleryOutput {
  aggregate: { counters: Record<string, number> };
}

let inbox: Inbox;
let run: ArtilleryRun;
let output: ArtilleryOutput;

beforeAll(async () => {
  inbox = await createInbox({ secrets: [SECRET] });
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-artillery-'));
  const out = join(dir, 'out.json');
  run = await runArtillery(
    [
      SCENARIO,
      '--target',
      inbox.url.replace(/\/$/, ''),
      '--overrides',
      JSON.stringify({ config: { phases: [{ duration: SECONDS, arrivalRate: ARRIVALS_PER_SECOND }] } }),
      '--output',
      out,
    ],
    { SYSTEME_MOCK_SECRET: SECRET, SYSTEME_MOCK_SEED: '7' },
  );
  if (run.code !== 0) throw new Error(`artillery exited with ${String(run.code)}:\n${run.output}`);
  output = JSON.parse(readFileSync(out, 'utf8')) as ArtilleryOutput;
}, 180_000);

afterAll(async () => {
  await inbox?.close();
});

describe('the processor inside a real Artillery run', () => {
  it('logs the seed and a distinct stream for each of the two workers', () => {
    const streams = [
      ...run.output.matchAll(/systeme-mock: seed 7, stream (\d+) \(worker id [0-9a-f]{16}\), mix SALE_NEW=80,SALE_CANCELED=20\./g),
    ].map((m) => m[1]);
    expect(streams).toHaveLength(2);
    expect(new Set(streams).size).toBe(2);
  });

  it('every request Artillery counted reached the inbox, once, signed and shaped as documented', () => {
    const counters = output.aggregate.counters;
    expect(counters['http.requests']).toBe(SECONDS * ARRIVALS_PER_SECOND);
    expect(inbox.deliveries).toHaveLength(counters['http.requests']!);
    expect(counters['http.codes.200']).toBe(inbox.deliveries.length);
    const rejected = inbox.deliveries.filter((d) => !d.accepted).map((d) => d.reason);
    expect(rejected).toEqual([]);
    expect(inbox.deliveries.every((d) => d.signature === 'valid')).toBe(true);
  });

  it('no two bodies share a message id or an event', () => {
    const messageIds = new Set(inbox.deliveries.map((d) => d.messageId));
    expect(messageIds.size).toBe(inbox.deliveries.length);
    expect(inbox.deliveries.every((d) => d.duplicateOf === null)).toBe(true);
    const orderIds = new Set(inbox.deliveries.map((d) => (JSON.parse(d.body) as { order: { id: number } }).order.id));
    expect(orderIds.size).toBe(inbox.deliveries.length);
    expect(new Set(inbox.deliveries.map((d) => d.body)).size).toBe(inbox.deliveries.length);
  });

  it("Artillery's per-trigger counters equal what the inbox received, and the mix is 80/20 within 5 points", () => {
    const received = { SALE_NEW: 0, SALE_CANCELED: 0 };
    for (const d of inbox.deliveries) received[d.trigger as keyof typeof received]++;
    expect(output.aggregate.counters['systeme_mock.sent.SALE_NEW']).toBe(received.SALE_NEW);
    expect(output.aggregate.counters['systeme_mock.sent.SALE_CANCELED']).toBe(received.SALE_CANCELED);
    expect(received.SALE_NEW + received.SALE_CANCELED).toBe(inbox.deliveries.length);
    // 1000 picks at p = 0.8: one standard deviation is 1.3 points, so 5 points is about 4.
    expect(Math.abs(received.SALE_NEW / inbox.deliveries.length - 0.8)).toBeLessThan(0.05);
  });

  it("sends systeme.io's headers in the captured order, except user-agent, which got keeps in its first slot", () => {
    const names = inbox.deliveries[0]!.headers.map(([name]) => name);
    expect(names).toEqual([
      'user-agent',
      'accept-encoding',
      'x-webhook-schema-version',
      'x-webhook-signature',
      'x-webhook-delivery-attempt-timestamp',
      'x-webhook-delivery-attempt-id',
      'x-webhook-event-timestamp',
      'x-webhook-event',
      'x-webhook-subscription-id',
      'x-webhook-message-id',
      'accept',
      'content-type',
      'content-length',
      'Host',
      'Connection',
    ]);
    expect(inbox.deliveries[0]!.headers[0]).toEqual(['user-agent', 'SystemeIO-Webhook']);
  });
});
