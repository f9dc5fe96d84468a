import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FireReport } from '../../src/load/build-fire-report.js';
import { startTestReceiver } from '../load/support/start-test-receiver.js';
import type { TestReceiver } from '../load/support/start-test-receiver.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bin without blocking this process's event loop (the receiver lives here). */
function runBin(args: string[], options: { interruptWhen?: () => boolean; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const poll =
      options.interruptWhen === undefined
        ? undefined
        : setInterval(() => {
            if (options.interruptWhen!()) {
              clearInterval(poll);
              child.kill('SIGINT');
            }
          }, 20);
    child.on('close', (code) => {
      if (poll !== undefined) clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('systeme-mock fire', () => {
  it('fires, prints the summary on stdout and nothing else when not a TTY; summary, report and log agree with the receiver', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n % 10 === 0 ? 500 : 204), delayFor: (n) => (n % 4 === 0 ? 10 : 0) });
    const dir = mkdtempSync(join(tmpdir(), 'fire-cli-'));
    const run = await runBin(
      [
        'fire',
        'SALE_NEW=80',
        'SALE_CANCELED=20',
        '--to',
        receiver.url,
        '--rate',
        '500/s',
        '--count',
        '200',
        '--seed',
        '7',
        '--report',
        join(dir, 'r.json'),
        '--log',
        join(dir, 'l.ndjson'),
        '--threshold',
        'p99<30s',
        '--threshold',
        'errors<=10%',
      ],
      { env: { SYSTEME_MOCK_SECRET: 'cli-secret' } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  requests   scheduled 200  sent 200  ok 180  failed 20  dropped 0  late ');
    expect(run.stdout).toContain('  status     204: 180  500: 20\n');
    expect(run.stdout).toContain('  triggers   SALE_CANCELED: 42  SALE_NEW: 158  (seed 7)\n');
    expect(run.stdout).toContain('  PASS  errors<=10%        actual 10.00%\n');
    expect(run.stdout).not.toContain('cli-secret');
    expect(receiver.received.length).toBe(200);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as FireReport;
    expect(report.counts).toMatchObject({ sent: 200, ok: 180, failed: 20 });
    expect(JSON.stringify(report)).not.toContain('cli-secret');
    expect(readFileSync(join(dir, 'l.ndjson'), 'utf8').trim().split('\n').length).toBe(200);
  });

  it('exits 99 when a threshold fails, with one line per threshold', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n % 10 === 0 ? 503 : 204) });
    const run = await runBin(
      [
        'fire',
        'CONTACT_CREATED',
        '--to',
        receiver.url,
        '--rate',
        '500/s',
        '--count',
        '100',
        '--threshold',
        'errors<1%',
        '--threshold',
        'p99<60s',
      ],
      { env: { SYSTEME_MOCK_SECRET: 'cli-secret' } },
    );
    expect(run.code).toBe(99);
    expect(run.stdout).toContain('thresholds\n  FAIL  errors<1%          actual 10.00%\n  PASS  p99<60s            actual ');
  });

  it('on Ctrl-C stops, writes the report and the log, and exits 130', async () => {
    // The receiver answers the first 20 and then holds every request: those are in flight at Ctrl-C.
    receiver = await startTestReceiver({ statusFor: (n) => (n > 20 ? null : 204) });
    const dir = mkdtempSync(join(tmpdir(), 'fire-cli-'));
    const run = await runBin(
      [
        'fire',
        'SALE_NEW',
        '--to',
        receiver.url,
        '--rate',
        '100/s',
        '--duration',
        '1m',
        '--concurrency',
        '5',
        '--grace',
        '200ms',
        '--report',
        join(dir, 'r.json'),
        '--log',
        join(dir, 'l.ndjson'),
      ],
      // Ctrl-C once the 20 answered and the 5 held requests have all arrived.
      { interruptWhen: () => receiver!.received.length >= 25, env: { SYSTEME_MOCK_SECRET: 'cli-secret' } },
    );
    expect(run.code).toBe(130);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as FireReport;
    expect(report.interrupted).toBe(true);
    expect(report.counts.ok).toBe(20);
    expect(report.errorCounts).toEqual({ aborted: 5 });
    expect(report.counts.sent).toBe(25);
    expect(readFileSync(join(dir, 'l.ndjson'), 'utf8').trim().split('\n').length).toBe(25);
    expect(run.stdout).toContain('(interrupted)');
  });

  it('merges --workers 2 exactly', async () => {
    receiver = await startTestReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'fire-cli-'));
    const run = await runBin(
      ['fire', 'SALE_NEW', '--to', receiver.url, '--rate', '400/s', '--count', '150', '--workers', '2', '--report', join(dir, 'r.json')],
      { env: { SYSTEME_MOCK_SECRET: 'cli-secret' } },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as FireReport;
    expect(report.counts).toMatchObject({ scheduled: 150, sent: 150, ok: 150 });
    expect(receiver.received.length).toBe(150);
    expect(run.stdout).toContain('workers 2');
  });

  it('a perfect ramped run passes its rate> threshold: the achieved rate is measured against the planned ramp', async () => {
    receiver = await startTestReceiver();
    const run = await runBin([
      'fire',
      'customer.sale.completed',
      '--to',
      receiver.url,
      '--rate',
      '100/s',
      '--ramp',
      '1s',
      '--duration',
      '2s',
      '--threshold',
      'rate>=90/s',
      '--seed',
      '3',
    ]);
    // 50 requests in the ramp, 100 at full rate.
    expect(receiver.received.length).toBe(150);
    // A late end lowers both figures on a busy machine; without the ramp in the plan the rate would be 75/s.
    expect(run.stdout).toMatch(
      /\n {2}rate {7}asked 100\/s \(ramp 1\.0s\) {2}achieved (9\d|100)\.\d\/s of the plan, mean [67]\d\.\d\/s {2}over /,
    );
    expect(run.stdout).toMatch(/ {2}PASS {2}rate>=90\/s {9}actual (9\d|100)\.\d\/s\n/);
    expect(run.code).toBe(0);
  });

  it('no request succeeded (nothing listens): exit 1 with a hint, whatever the thresholds (issue 10 case 23)', async () => {
    receiver = await startTestReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    const run = await runBin([
      'fire',
      'customer.sale.completed',
      '--to',
      url,
      '--rate',
      '200/s',
      '--count',
      '20',
      '--threshold',
      'p99<10s',
    ]);
    expect(run.stderr).toBe(
      `systeme-mock: Failed to fire at ${url}: none of the 20 requests succeeded (ECONNREFUSED: 20). Is the receiver at ${url} up?\n`,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  requests   scheduled 20  sent 20  ok 0  failed 20  dropped 0');
  });

  it('some requests succeeded and a threshold failed: exit 99, as k6 does', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n % 2 === 0 ? 500 : 204) });
    const run = await runBin([
      'fire',
      'customer.sale.completed',
      '--to',
      receiver.url,
      '--rate',
      '200/s',
      '--count',
      '20',
      '--threshold',
      'errors<10%',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(99);
    expect(run.stdout).toContain('  FAIL  errors<10%         actual 50.00%\n');
  });

  it('refuses malformed options with one line naming the fix, exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['fire', '--to', 'http://127.0.0.1:9/', '--count', '1'],
        'Failed to fire: no trigger given. Name one, as in "systeme-mock fire SALE_NEW --to URL --rate 50/s --duration 30s".',
      ],
      [
        ['fire', 'SALE_NEW', '--count', '1'],
        'Failed to fire: no receiver given. Pass --to http://127.0.0.1:3000/webhooks (your staging receiver).',
      ],
      [
        ['fire', 'SALE_NEW', '--to', 'http://127.0.0.1:9/', '--rate', 'fast', '--count', '1'],
        'Failed to read --rate "fast": it is not a rate. Write it as 500/s, 30000/m, 500 (per second) or max.',
      ],
      [
        ['fire', 'SALE_NEW', '--to', 'http://127.0.0.1:9/', '--duration', '30 s'],
        'Failed to read --duration "30 s": it is not a duration. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --duration 30s.',
      ],
      [
        ['fire', 'SALE_NEW', '--to', 'http://127.0.0.1:9/', '--count', '1', '--threshold', 'p98<1s'],
        'Failed to read --threshold "p98<1s": unknown metric "p98". Use one of p50, p90, p95, p99, p99.9, max, mean, errors, dropped, rate.',
      ],
      [
        ['fire', 'SALE_NEW', '--to', 'http://127.0.0.1:9/', '--count', '1', '--mix', 'SALE_CANCELED=x'],
        'Failed to read --mix "SALE_CANCELED=x": the weight of SALE_CANCELED is "x", not a number above zero. Write it as SALE_NEW=80,SALE_CANCELED=20.',
      ],
      [
        ['fire', 'SALE_NEWW', '--to', 'http://127.0.0.1:9/', '--count', '1'],
        'Failed to find trigger "SALE_NEWW": it is not in the catalog. Did you mean "SALE_NEW"?',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runBin(args);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `systeme-mock: ${message}\n` });
    }
  });
});
