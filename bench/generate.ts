/**
 * Generation benchmark (`npm run bench`): payloads per second for generate + encode of every trigger in
 * one process, and the peak RSS of a million-event NDJSON stream from the built CLI.
 * Targets on a 2-core machine: >= 20,000 SALE_NEW/s; < 150 MB peak RSS for the stream.
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

async function measureStream(): Promise<{ seconds: number; peakRssMb: number; lines: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-bench-'));
  const rssFile = join(dir, 'rss');
  const devNull = openSync('/dev/null', 'w');
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, CLI, 'generate', 'SALE_NEW', '--count', String(STREAM_COUNT), '--format', 'ndjson', '--seed', '1'], {
    stdio: ['ignore', devNull, 'inherit'],
    env: { ...process.env, SYSTEME_MOCK_RSS_FILE: rssFile },
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the streaming run exited with ${String(code)}`);
  const seconds = (performance.now() - start) / 1000;
  return { seconds, peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, lines: STREAM_COUNT };
}

export async function runGenerateBench(): Promise<void> {
  console.log(`\n== Generation: generate + encode, one process, ${MEASURE_MS} ms per trigger ==`);
  console.log('trigger'.padEnd(38) + 'payloads/s'.padStart(12) + 'avg bytes'.padStart(11));
  for (const trigger of BUILT_IN_TRIGGERS) {
    const { perSecond, bytes } = measureTrigger(trigger.id);
    const mark = trigger.id === 'SALE_NEW' ? (perSecond >= 20_000 ? '  (target >= 20,000: met)' : '  (target >= 20,000: MISSED)') : '';
    console.log(trigger.id.padEnd(38) + perSecond.toLocaleString('en-US').padStart(12) + String(bytes).padStart(11) + mark);
  }
  console.log(`\n== Streaming: generate SALE_NEW --count ${STREAM_COUNT.toLocaleString('en-US')} --format ndjson > /dev/null ==`);
  const stream = await measureStream();
  console.log(`wall time      ${stream.seconds.toFixed(1)} s (${Math.round(stream.lines / stream.seconds).toLocaleString('en-US')} events/s, including start-up)`);
  console.log(`peak RSS       ${stream.peakRssMb.toFixed(1)} MB ${stream.peakRssMb < 150 ? '(target < 150 MB: met)' : '(target < 150 MB: MISSED)'}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runGenerateBench();
