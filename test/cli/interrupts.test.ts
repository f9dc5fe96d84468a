import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FireReport } from '../../src/load/build-fire-report.js';
import { generateEvents } from '../../src/generate/index.js';
import { startTestReceiver, type TestReceiver } from '../load/support/start-test-receiver.js';
import { BIN } from './send-listen-support.js';

// One interrupt policy for every command (issue 10 cases 5, 9, 10; issue 11 "one interrupt helper"):
// SIGINT, SIGTERM and SIGHUP stop new work; a second signal aborts work in flight; either way the
// command ends in order (report, log, no temp file) and exits 128 + the first signal.

interface Started {
  kill(signal: NodeJS.Signals): void;
  stdout(): string;
  stderr(): string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function start(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    kill: (signal) => child.kill(signal),
    stdout: () => stdout,
    stderr: () => stderr,
    done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const began = Date.now();
  while (!condition()) {
    if (Date.now() - began > timeoutMs) throw new Error('Failed to see the condition in time.');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'systeme-mock-interrupts-'));

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('generate --out: every signal removes the temp file (issue 10 case 9)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ] as const)('%s mid-write: exit %i, no partial file, no temp file', async (signal, code) => {
    const dir = tempDir();
    const out = join(dir, 'big.ndjson');
    const run = start(['generate', 'SALE_NEW', '--count', '5000000', '--seed', '1', '--out', out]);
    // The temp file is created before the first event: wait until it has bytes, so the run is mid-write.
    await waitFor(() => readdirSync(dir).some((name) => name.includes('.tmp-') && readFileSync(join(dir, name)).length > 0));
    run.kill(signal);
    const result = await run.done;
    expect(result.code).toBe(code);
    expect(result.stderr).toBe('systeme-mock: Interrupted: 0 file(s) complete, no partial file left behind.\n');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('json into a folder, 300,000 events: Ctrl-C is seen mid-loop; every file left is whole (issue 10 case 5)', async () => {
    const dir = tempDir();
    const run = start(['generate', 'SALE_NEW', '--format', 'json', '--out', `${dir}/`, '--count', '300000', '--seed', '2']);
    await waitFor(() => readdirSync(dir).length >= 20);
    run.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    const files = readdirSync(dir);
    expect(result.stderr).toBe(`systeme-mock: Interrupted: ${files.length} file(s) complete, no partial file left behind.\n`);
    expect(files.length).toBeLessThan(300_000);
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
    // The files are events 0..n-1, each exactly its body.
    const bodies = [...generateEvents(['SALE_NEW'], { count: files.length, seed: 2 })].map((e) => e.body);
    expect(files.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))).toEqual(bodies.map((_, i) => `SALE_NEW.${i}.json`));
    expect(readFileSync(join(dir, `SALE_NEW.${files.length - 1}.json`), 'latin1')).toBe(bodies.at(-1));
  });

  it('stdout: Ctrl-C ends the stream after whole lines', async () => {
    const run = start(['generate', 'SALE_NEW', '--count', '5000000', '--seed', '3']);
    await waitFor(() => run.stdout().length > 200_000);
    run.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(result.stderr).toBe(`systeme-mock: Interrupted after ${lines.length - 1} event(s).\n`);
  });
});

describe('fire: signals end the run with its report and log (issue 10 case 10)', () => {
  it('a second Ctrl-C aborts the held requests at once; the report and the log still count every request sent', async () => {
    // The first 20 are answered, the rest held: with --grace 1m only the second Ctrl-C can end the run in time.
    receiver = await startTestReceiver({ statusFor: (n) => (n > 20 ? null : 204) });
    const dir = tempDir();
    const run = start(
      [
        'fire',
        'SALE_NEW',
        '--to',
        receiver.url,
        '--rate',
        '200/s',
        '--duration',
        '1m',
        '--concurrency',
        '8',
        '--grace',
        '1m',
        '--report',
        join(dir, 'r.json'),
        '--log',
        join(dir, 'l.ndjson'),
      ],
      { SYSTEME_MOCK_SECRET: 'interrupt-secret' },
    );
    await waitFor(() => receiver!.received.length >= 28);
    run.kill('SIGINT');
    await waitFor(() => run.stderr().includes('Stopping'));
    run.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(
      'systeme-mock: Stopping: no new requests; in-flight ones get 60 s to finish (Ctrl-C again to abort them now).\n',
    );
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as FireReport;
    expect(report.interrupted).toBe(true);
    expect(report.counts).toMatchObject({ sent: 28, ok: 20, failed: 8 });
    expect(report.errorCounts).toEqual({ aborted: 8 });
    const log = readFileSync(join(dir, 'l.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; error: string | null });
    expect(log).toHaveLength(28);
    expect(log.filter((l) => l.error === 'aborted')).toHaveLength(8);
    expect(result.stdout).toContain('systeme-mock fire -> ' + receiver.url + '  (interrupted)\n');
    expect(result.stdout).toContain('  requests   scheduled 28  sent 28  ok 20  failed 8  dropped 0');
  });

  it('SIGTERM ends like Ctrl-C, exit 143, report written', async () => {
    receiver = await startTestReceiver();
    const dir = tempDir();
    const run = start(
      [
        'fire',
        'CONTACT_CREATED',
        '--to',
        receiver.url,
        '--rate',
        '100/s',
        '--duration',
        '1m',
        '--report',
        join(dir, 'r.json'),
        '--log',
        join(dir, 'l.ndjson'),
      ],
      {
        SYSTEME_MOCK_SECRET: 'interrupt-secret',
      },
    );
    await waitFor(() => receiver!.received.length >= 10);
    run.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(143);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as FireReport;
    expect(report.interrupted).toBe(true);
    expect(report.counts.sent).toBe(receiver.received.length);
    expect(readFileSync(join(dir, 'l.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(report.counts.sent);
  });
});

describe('send: SIGTERM and SIGHUP end like Ctrl-C', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s: summary, a log line per attempt, exit %i', async (signal, code) => {
    receiver = await startTestReceiver();
    const dir = tempDir();
    const log = join(dir, 'l.ndjson');
    const run = start(['send', 'CONTACT_CREATED', '--count', '100000', '--to', receiver.url, '--log', log], {
      SYSTEME_MOCK_SECRET: 'interrupt-secret',
    });
    await waitFor(() => receiver!.received.length >= 5);
    run.kill(signal);
    const result = await run.done;
    expect(result.code).toBe(code);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(receiver.received.length);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Interrupted: ${lines.length} delivered, 0 failed, ${lines.length} attempts in \\d+ ms\\. ${100_000 - lines.length} events not sent\\.$`,
        'm',
      ),
    );
  });
});
