import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FireReport } from '../../src/load/build-fire-report.js';
import { startTestReceiver, type TestReceiver } from '../load/support/start-test-receiver.js';
import { mountSmallDisk, type SmallDisk } from './mount-small-disk.js';
import { BIN, runBin } from './send-listen-support.js';

// Issue 10 case 4: `--log` on a full disk. The log's write fails on a timer; it used to throw
// ENOSPC uncaught, leaving a truncated last line and no report. Now: one line on stderr, the run
// stops, the summary is printed, every line in the log is whole, exit 1.

let disk: SmallDisk | undefined;
let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  disk?.unmount();
  disk = undefined;
});

function readWholeLines(file: string): Array<{ attempt: number; ok: boolean }> {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { attempt: number; ok: boolean });
}

describe('--log on a full disk (tmpfs of 64 KB, one page left)', () => {
  it('send: one clear line, the run stops, the summary is printed, the log holds whole lines only; exit 1', async () => {
    disk = mountSmallDisk(64);
    disk.fillLeaving(4096);
    receiver = await startTestReceiver();
    const log = join(disk.dir, 'attempts.ndjson');
    const run = await runBin(['send', 'customer.sale.completed', '--count', '300', '--seed', '1', '--to', receiver.url, '--log', log]);
    const lines = readWholeLines(log);
    expect(run.stderr).toBe(
      `systeme-mock: Failed to write the delivery log ${log}: no space left on device (ENOSPC). It holds the first ${lines.length} line(s) of this run, each whole; free some space or pass --log another path. Stopping the run.\n`,
    );
    expect(run.code).toBe(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(receiver.received.length + 1);
    const sent = receiver.received.length;
    expect(sent).toBeLessThan(300);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^Interrupted: ${sent} delivered, 0 failed, ${sent} attempts in \\d+ ms\\. ${300 - sent} events not sent\\.$`),
    );
  });

  it('fire: one clear line, the run stops, the summary and the --report count every request sent; exit 1', async () => {
    disk = mountSmallDisk(64);
    disk.fillLeaving(4096);
    receiver = await startTestReceiver();
    const log = join(disk.dir, 'fire.ndjson');
    const reportFile = join(mkdtempSync(join(tmpdir(), 'systeme-mock-full-disk-report-')), 'r.json');
    const run = await runBin([
      'fire',
      'customer.sale.completed',
      '--to',
      receiver.url,
      '--rate',
      '500/s',
      '--duration',
      '20s',
      '--log',
      log,
      '--report',
      reportFile,
    ]);
    const lines = readWholeLines(log);
    expect(run.stderr).toBe(
      `systeme-mock: Failed to write the delivery log ${log}: no space left on device (ENOSPC). It holds the first ${lines.length} line(s) of this run, each whole; free some space or pass --log another path. The run stopped there; the summary above counts every request sent.\n`,
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as FireReport;
    expect(report.interrupted).toBe(true);
    expect(report.counts.sent).toBe(receiver.received.length);
    expect(report.counts.sent).toBeLessThan(10_000);
    expect(lines.length).toBeLessThan(report.counts.sent);
    expect(run.stdout).toContain(
      `  requests   scheduled ${report.counts.scheduled}  sent ${report.counts.sent}  ok ${report.counts.ok}  failed 0`,
    );
    expect(run.stdout.startsWith(`systeme-mock fire -> ${receiver.url}  (interrupted)\n`)).toBe(true);
  });

  it('fire --workers 2: a worker whose log fails stops the run; whole lines only; exit 1', async () => {
    disk = mountSmallDisk(64);
    disk.fillLeaving(4096);
    receiver = await startTestReceiver();
    const log = join(disk.dir, 'workers.ndjson');
    const run = await runBin([
      'fire',
      'customer.sale.completed',
      '--to',
      receiver.url,
      '--rate',
      '500/s',
      '--duration',
      '20s',
      '--workers',
      '2',
      '--log',
      log,
    ]);
    const lines = readWholeLines(log);
    expect(run.stderr).toMatch(
      new RegExp(
        `^systeme-mock: Failed to write the delivery log ${log}: no space left on device \\(ENOSPC\\)\\. It holds the first \\d+ line\\(s\\) of this run, each whole; free some space or pass --log another path\\. The run stopped there; the summary above counts every request sent\\.\n$`,
      ),
    );
    expect(run.code).toBe(1);
    expect(lines.length).toBeLessThan(receiver.received.length);
    expect(run.stdout).toContain(`  requests   scheduled `);
    expect(run.stdout).toMatch(new RegExp(`  sent ${receiver.received.length}  ok ${receiver.received.length}  failed 0`));
  });

  it('send > a file on the full disk: one line and the summary on stderr, the run stops, exit 1', async () => {
    disk = mountSmallDisk(64);
    disk.fillLeaving(0);
    receiver = await startTestReceiver();
    const out = openSync(join(disk.dir, 'stdout.txt'), 'w');
    const { SYSTEME_MOCK_SECRET: _unused, ...env } = process.env;
    const child = spawn(process.execPath, [BIN, 'send', 'customer.sale.completed', '--count', '300', '--to', receiver.url], {
      env,
      stdio: ['ignore', out, 'pipe'],
    });
    closeSync(out);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const sent = receiver.received.length;
    expect(stderr).toMatch(
      new RegExp(
        `^systeme-mock: Failed to write to stdout: ENOSPC: no space left on device, write\\. Stopped the run\\.\nInterrupted: ${sent} delivered, 0 failed, ${sent} attempts? in \\d+ ms\\. ${300 - sent} events not sent\\.\n$`,
      ),
    );
    expect(code).toBe(1);
    expect(sent).toBeLessThan(300);
  });
});
