import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createInbox, type Inbox } from '../../src/receiver/create-inbox.js';
import { fireLoad } from '../../src/load/fire-load.js';
import { generateJourneys } from '../../src/journey/generate-journeys.js';
import { readLog } from '../load/support/read-log.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../dist/cli/main.js');

let inbox: Inbox | undefined;
afterEach(async () => {
  await inbox?.close();
  inbox = undefined;
});

// biome-ignore lint/suspicious/noExplicitAny: payloads read ad hoc in assertions, shape checked by validatePayload.
type Json = Record<string, any>;

describe('journeys delivered', () => {
  it('send --journey delivers each journey in order, the refund after its sale, about the same order', async () => {
    inbox = await createInbox({ secrets: ['journey-secret'] });
    const dir = mkdtempSync(join(tmpdir(), 'journey-send-'));
    const secretFile = join(dir, 'secret');
    await import('node:fs').then((fs) => fs.writeFileSync(secretFile, 'journey-secret'));
    const { stdout } = await run(process.execPath, [
      BIN,
      'send',
      '--journey',
      'refund',
      '--count',
      '4',
      '--seed',
      '5',
      '--speed',
      '8640000x',
      '--to',
      inbox.url,
      '--secret-file',
      secretFile,
    ]);
    expect(stdout).toContain('8 delivered, 0 failed, 8 attempts');
    const received = inbox.deliveries.map((d) => ({
      event: d.trigger,
      body: JSON.parse(d.body) as Json,
      verified: d.accepted && d.signature === 'valid',
    }));
    expect(received.every((r) => r.verified)).toBe(true);
    const orders = new Map<number, string[]>();
    for (const r of received) orders.set(r.body['order']['id'], [...(orders.get(r.body['order']['id']) ?? []), r.event ?? '']);
    expect([...orders.values()]).toEqual(Array(4).fill(['SALE_NEW', 'SALE_CANCELED']));
  });

  it('fire --journey reports journeys started, completed and broken; every step is logged', async () => {
    inbox = await createInbox({ secrets: ['journey-secret'] });
    const log = join(mkdtempSync(join(tmpdir(), 'journey-fire-')), 'log.ndjson');
    const { report, verdict } = await fireLoad({
      journey: 'lead-to-buyer',
      speed: 100_000_000,
      to: inbox.url,
      rate: '100/s',
      duration: '1s',
      seed: 4,
      secret: 'journey-secret',
      env: {},
      log,
    });
    expect(verdict).toBe('passed');
    // The same journeys, generated: each started journey's steps, all sent (the later steps come within ms).
    const planned = [...generateJourneys('lead-to-buyer', { count: report.journeys!.started, seed: 4 })];
    expect(report.journeys).toEqual({ started: 100, completed: 100, broken: 0 });
    expect(report.counts.sent).toBe(planned.length);
    expect(inbox.deliveries.length).toBe(planned.length);
    expect(readLog(log).length).toBe(planned.length);
    const triggers = (list: string[]) => Object.fromEntries([...new Set(list)].sort().map((t) => [t, list.filter((x) => x === t).length]));
    expect(triggers(inbox.deliveries.map((d) => d.trigger ?? ''))).toEqual(triggers(planned.map((p) => p.event.trigger.id)));
  });

  it('a receiver that fails the sale step breaks those journeys', async () => {
    inbox = await createInbox({ secrets: ['journey-secret'] });
    const { report } = await fireLoad({
      journey: 'refund',
      speed: 100_000_000,
      to: 'http://127.0.0.1:1/',
      rate: '50/s',
      duration: '300ms',
      seed: 4,
      secret: 'journey-secret',
      env: {},
      timeout: '1s',
    });
    expect(report.journeys!.started).toBeGreaterThan(0);
    expect(report.journeys!.broken).toBe(report.journeys!.started);
    expect(report.journeys!.completed).toBe(0);
  });
});
