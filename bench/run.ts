/**
 * `npm run bench`: every benchmark, printing figures. Never part of `npm test`.
 * 1. generation (bench/generate.ts): payloads/s per trigger, peak RSS of 100k and 1M-event streams (flat);
 * 2. journeys (bench/journeys.ts): lead-to-buyer journeys generated per second;
 * 3. load-firing (bench/load.ts): autocannon vs systeme-mock fire side by side (req/s, CPU µs/request), fixed rates, peak RSS;
 * 4. API-store seeding (bench/seed-store.ts): 25k/50k/100k contacts, linear growth, 100k under 2 s.
 * 5. the inbox under hostile bodies (bench/inbox.ts): genuine deliveries' latency, listen's peak RSS.
 * 6. Artillery (bench/artillery.ts): the systeme-mock processor's CPU per request inside Artillery
 *    against Artillery sending a static body of the same size (needs bash scripts/install-artillery-runtime.sh).
 * `npm run bench -- --quick` shortens both.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const env = quick ? { ...process.env, BENCH_MEASURE_MS: '300', BENCH_STREAM_COUNT: '200000' } : process.env;

let failed = false;
for (const [script, args] of [
  ['./generate.ts', []],
  ['./journeys.ts', []],
  ['./load.ts', quick ? ['--quick'] : []],
  ['./seed-store.ts', quick ? ['--quick'] : []],
  ['./inbox.ts', quick ? ['--quick'] : []],
  ['./artillery.ts', quick ? ['--quick'] : []],
] as const) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', here(script), ...args], { stdio: 'inherit', env });
  if (result.status !== 0) {
    failed = true;
    console.error(`bench: ${script} exited with ${String(result.status ?? result.signal)}`);
  }
}
process.exitCode = failed ? 1 : 0;
