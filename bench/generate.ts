/**
 * Generation benchmark (`npm run bench`): payloads per second for generate + encode of every trigger in
 * one process, and the peak RSS of NDJSON streams from the built CLI: 100,000 and 1,000,000 events
 * (and 10,000,000 with BENCH_STREAM_10M=1: about ten minutes on a 2-core machine).
 * Targets (issue 16): >= 100,000 SALE_NEW/s; the 1M stream < 100 MB peak RSS, and flat: each longer
 * stream's peak within 15% of the 100k stream's. Exits 1 when a target is missed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_IN_TRIGGERS } from '../src/catalog/triggers.js';
import { createGenerator } from '../src/generate/generator.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./support/report-max-rss.mjs', import.meta.url));
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 1000);
const STREAM_COUNT = Number(process.env.BENCH_STREAM_COUNT ?? 1_000_000);
const SMALL_STREAM_COUNT = Math.min(100_000, STREAM_COUNT);
const STREAM_COUNTS = [...new Set([SMALL_STREAM_COUNT, STREAM_COUNT, ...(process.env.BENCH_STREAM_10M === '1' ? [10_000_000] : [])])];
const RATE_TARGET = 100_000;
const RSS_TARGET_MB = 100;
const FLAT_WITHIN = 0.15;

function measureTrigger(id: string): { perSecond: number; bytes: number } {
  const generator = createGenerator({ seed: 1 });
  let index = 0;
  let bytes = 0;
  // Warm up the JIT and the account caches first.
  const warmUntil = performance.now() + 200;
  while (performance.now() < warmUntil) bytes += generator.event(id, index++).body.length;
  bytes = 0;
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < MEASURE_MS) {
    for (let i = 0; i < 200; i++) bytes += generator.event(id, index++).body.length;
    count += 200;
    now = performance.now();
  }
  return { perSecond: Math.round((count / (now - start)) * 1000), bytes: Math.round(bytes / count) };
}

async function measureStream(count: number): Promise<{ seconds: number; peakRssMb: number; lines: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-bench-'));
  const rssFile = join(dir, 'rss');
  const devNull = openSync('/dev/null', 'w');
  const start = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', PRELOAD, CLI, 'generate', 'SALE_NEW', '--count', String(count), '--format', 'ndjson', '--seed', '1'],
    {
      stdio: ['ignore', devNull, 'inherit'],
      env: { ...process.env, SYSTEME_MOCK_RSS_FILE: rssFile },
    },
  );
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the streaming run exited with ${String(code)}`);
  const seconds = (performance.now() - start) / 1000;
  return { seconds, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, lines: count };
}

/** Prints the figures and the verdicts; resolves to the names of the targets missed. */
export async function runGenerateBench(): Promise<string[]> {
  const missed: string[] = [];
  console.log(`\n== Generation: generate + encode, one process, ${MEASURE_MS} ms per trigger ==`);
  console.log('trigger'.padEnd(38) + 'payloads/s'.padStart(12) + 'avg bytes'.padStart(11));
  for (const trigger of BUILT_IN_TRIGGERS) {
    const { perSecond, bytes } = measureTrigger(trigger.id);
    let mark = '';
    if (trigger.id === 'SALE_NEW') {
      mark = `  (target >= ${RATE_TARGET.toLocaleString('en-US')}: ${perSecond >= RATE_TARGET ? 'PASS' : 'FAIL'})`;
      if (perSecond < RATE_TARGET) missed.push(`SALE_NEW at ${perSecond}/s`);
    }
    console.log(trigger.id.padEnd(38) + perSecond.toLocaleString('en-US').padStart(12) + String(bytes).padStart(11) + mark);
  }
  const streams: Array<{ count: number; seconds: number; peakRssMb: number }> = [];
  for (const count of STREAM_COUNTS) {
    console.log(`\n== Streaming: generate SALE_NEW --count ${count.toLocaleString('en-US')} --format ndjson > /dev/null ==`);
    const stream = await measureStream(count);
    streams.push({ count, ...stream });
    console.log(
      `wall time      ${stream.seconds.toFixed(1)} s (${Math.round(stream.lines / stream.seconds).toLocaleString('en-US')} events/s, including start-up)`,
    );
    console.log(`peak RSS       ${stream.peakRssMb.toFixed(1)} MB`);
  }
  const base = streams[0]!;
  console.log('\n== Streaming memory ==');
  for (const stream of streams) {
    const underTarget = stream.peakRssMb < RSS_TARGET_MB;
    const flat = stream.peakRssMb <= base.peakRssMb * (1 + FLAT_WITHIN);
    const checks =
      stream === base
        ? `(target < ${RSS_TARGET_MB} MB: ${underTarget ? 'PASS' : 'FAIL'})`
        : `(target < ${RSS_TARGET_MB} MB and within ${FLAT_WITHIN * 100}% of the ${base.count.toLocaleString('en-US')} run's ${base.peakRssMb.toFixed(1)} MB: ${underTarget && flat ? 'PASS' : 'FAIL'})`;
    console.log(
      `${stream.count.toLocaleString('en-US').padStart(12)} events  peak RSS ${stream.peakRssMb.toFixed(1).padStart(6)} MB  ${checks}`,
    );
    if (!underTarget || !flat) missed.push(`the ${stream.count} stream at ${stream.peakRssMb.toFixed(1)} MB`);
  }
  return missed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missed = await runGenerateBench();
  // A FAIL printed is a failed bench: the exit code says so (bench/run.ts passes it on).
  if (missed.length > 0) {
    console.error(`generate bench: ${missed.length} target(s) missed: ${missed.join('; ')}`);
    process.exitCode = 1;
  }
}
