import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FireReport } from '../../src/load/build-fire-report.js';
import type { MergedFireReport } from '../../src/report/merge-fire-reports.js';
import { startTestReceiver } from '../load/support/start-test-receiver.js';
import type { TestReceiver } from '../load/support/start-test-receiver.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let receiver: TestReceiver;
let dir: string;
const files: string[] = [];

beforeAll(async () => {
  receiver = await startTestReceiver({ statusFor: (n) => (n % 20 === 0 ? 503 : 204) });
  dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
  // Two fire processes at once, as two machines would run; the second also writes an HTML report.
  const runs = await Promise.all(
    ['a', 'b'].map((name, k) =>
      runBin([
        'fire',
        'SALE_NEW=80',
        'SALE_CANCELED=20',
        '--to',
        receiver.url,
        '--rate',
        '200/s',
        '--count',
        '300',
        '--seed',
        String(k + 1),
        '--secret',
        's',
        '--report',
        join(dir, `${name}.json`),
        ...(k === 1 ? ['--html', join(dir, 'b.html')] : []),
      ]),
    ),
  );
  for (const run of runs) if (run.code !== 0) throw new Error(`fire failed: ${run.stderr}`);
  files.push(join(dir, 'a.json'), join(dir, 'b.json'));
}, 60_000);

afterAll(async () => {
  await receiver.close();
});

describe('systeme-mock report', () => {
  it('merges two fire reports: counts add up to what the receiver saw; thresholds pass with exit 0', async () => {
    const out = join(dir, 'merged.json');
    const run = await runBin([
      'report',
      ...files,
      '--threshold',
      'errors<6%',
      '--threshold',
      'p50<5s',
      '--out',
      out,
      '--html',
      join(dir, 'merged.html'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as MergedFireReport;
    const [a, b] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as FireReport);
    expect(merged.counts.sent).toBe(600);
    expect(receiver.received).toHaveLength(600);
    expect(merged.statusCounts).toEqual({ '204': 570, '503': 30 });
    expect(merged.triggerCounts['SALE_NEW']! + merged.triggerCounts['SALE_CANCELED']!).toBe(600);
    expect(merged.triggerCounts['SALE_NEW']).toBe(a!.triggerCounts['SALE_NEW']! + b!.triggerCounts['SALE_NEW']!);
    expect(merged.options.seed).toBe('1,2');
    expect(merged.sources.map((s) => s.file)).toEqual(files);
    expect(run.stdout).toContain(`Merged 2 reports: ${files.join(', ')}\n`);
    expect(run.stdout).toContain('  requests   scheduled 600  sent 600  ok 570  failed 30  dropped 0  late ');
    expect(run.stdout).toContain('  PASS  errors<6%          actual 5.00%\n');
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toContain('<title>systeme-mock fire: 2 reports merged</title>');
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('exits 99 when a threshold fails on the merged figures', async () => {
    const run = await runBin(['report', ...files, '--threshold', 'errors<5%', '--threshold', 'p50<5s']);
    expect(run.code).toBe(99);
    expect(run.stdout).toContain('  FAIL  errors<5%          actual 5.00%\n');
    expect(run.stdout).toContain('  PASS  p50<5s ');
  });

  it('renders Artillery output as HTML, and refuses to mix it with fire reports', async () => {
    const artillery = join(dir, 'artillery.json');
    writeFileSync(
      artillery,
      JSON.stringify({
        aggregate: {
          period: 1700000020000,
          counters: { 'http.requests': 3 },
          summaries: { 'http.response_time': { min: 1, max: 9, count: 3, mean: 4, p50: 2, p75: 3, p90: 8, p95: 9, p99: 9, p999: 9 } },
        },
        intermediate: [
          {
            period: '1700000010000',
            counters: { 'http.requests': 3, 'http.codes.200': 3 },
            rates: { 'http.request_rate': 3 },
            summaries: {},
          },
        ],
      }),
    );
    const html = join(dir, 'artillery.html');
    const ok = await runBin(['report', artillery, '--html', html]);
    expect(ok).toMatchObject({ code: 0, stdout: `Wrote ${html}\n`, stderr: '' });
    expect(readFileSync(html, 'utf8')).toContain('<title>Artillery run</title>');
    const mixed = await runBin(['report', files[0]!, artillery, '--html', html]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toBe(
      `systeme-mock: Failed to report on ${files[0]!}, ${artillery}: ${artillery} is Artillery output, which Artillery merges itself. Pass one Artillery file alone, or only fire reports.\n`,
    );
  });

  it('bad input: one line naming the file and the fix, exit 2, nothing written', async () => {
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'hello');
    const partial = join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ version: 1, target: 'x', startedAt: '2026-01-01T00:00:00Z' }));
    const out = join(dir, 'never.json');
    const FIX = 'Pass files written by systeme-mock fire --report or artillery run --output.';
    const cases: Array<[string[], string]> = [
      [[join(dir, 'missing.json')], `Failed to read report ${join(dir, 'missing.json')}: no such file. ${FIX}`],
      [[notJson], `Failed to read report ${notJson}: it is not JSON (Unexpected token 'h', "hello" is not valid JSON). ${FIX}`],
      [[partial], `Failed to read report ${partial}: it is not a complete fire report (options is missing or malformed). ${FIX}`],
      [
        [files[0]!, '--threshold', 'p98<1s'],
        'Failed to read --threshold "p98<1s": unknown metric "p98". Use one of p50, p90, p95, p99, p99.9, max, mean, errors, dropped, rate.',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runBin(['report', ...args, '--out', out]);
      expect(run.stderr).toBe(`systeme-mock: ${message}\n`);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
    const unwritable = await runBin(['report', files[0]!, '--html', join(dir, 'no/such/dir/r.html')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(
      /^systeme-mock: Failed to write --html .*no\/such\/dir\/r\.html: ENOENT.*\. Pass a path in a writable folder\.\n$/,
    );
  });
});
