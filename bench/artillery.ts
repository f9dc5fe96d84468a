/**
 * Artillery bench: what the systeme-mock processor costs per request inside Artillery.
 * The same Artillery (installed from test/artillery/runtime: 2.0.34 on Node 22) fires at a minimal receiver in its own
 * process on 127.0.0.1, at the same arrival rate for the same time, in two scenarios taking turns:
 *   processor  the example's processor: builds, encodes and signs a fresh 80/20 SALE_NEW/SALE_CANCELED event;
 *   static     one SALE_NEW body of the same size, signed once, with the same headers, written in the scenario.
 * Each run's CPU time (user + system, Artillery's process and its worker threads) is read from the
 * shell's `times`. Artillery's start-up costs seconds of CPU, so each scenario runs twice, short and
 * long, and the cost per request is the slope: extra CPU over extra requests. The processor's own
 * cost is that slope minus the static one; the processor also times its beforeRequest calls itself (a
 * custom Artillery histogram), which is the steadier figure on a busy machine.
 * Run: node --import tsx bench/artillery.ts [--quick]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebhooksHeaders } from '../src/wire/headers.js';
import { createSubscriptionId, createUuidV7 } from '../src/wire/uuid-v7.js';
import { createGenerator } from '../src/generate/index.js';

const quick = process.argv.includes('--quick');
const SHORT_SECONDS = quick ? 3 : 5;
const LONG_SECONDS = quick ? 10 : 25;
const RATE = 200;
const ROUNDS = quick ? 1 : 2;
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const RUNTIME = here('../node_modules/.cache/artillery-runtime/node_modules/');
const NODE_22 = `${RUNTIME}.bin/node`;
const ARTILLERY = `${RUNTIME}artillery/bin/run`;
const SECRET = 'bench-secret';

if (!existsSync(NODE_22) || !existsSync(ARTILLERY)) {
  console.error('bench/artillery: Artillery is not installed. Run bash scripts/install-artillery-runtime.sh first.');
  process.exit(1);
}

function startReceiver(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./support/minimal-receiver.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const { port } = JSON.parse(chunk.toString().split('\n')[0]!) as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') });
    });
  });
}

/** Runs one scenario; resolves with Artillery's request count and its CPU seconds (process + threads). */
interface ScenarioRun {
  requests: number;
  cpuSeconds: number;
  /** Artillery's summaries of the processor's own timing (thread CPU and wall), when the scenario has them. */
  hookCpuUs: Record<string, number> | undefined;
  hookWallUs: Record<string, number> | undefined;
}

function runScenario(script: string, target: string, out: string, seconds: number): Promise<ScenarioRun> {
  const overrides = JSON.stringify({ config: { phases: [{ duration: seconds, arrivalRate: RATE }] } });
  const child = spawn(
    'bash',
    [
      '-c',
      '"$@" >/dev/null 2>&1; status=$?; times; exit $status',
      'bash',
      NODE_22,
      ARTILLERY,
      'run',
      script,
      '--target',
      target,
      '--output',
      out,
      '--overrides',
      overrides,
      '--quiet',
    ],
    {
      env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', SYSTEME_MOCK_SECRET: SECRET, SYSTEME_MOCK_SEED: '7' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`artillery exited with ${String(code)}`));
      // `times` prints the shell's user/system time, then its children's: "0m12.340s 0m1.020s".
      const children = text.trim().split('\n').at(-1)!;
      const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
      const output = JSON.parse(readFileSync(out, 'utf8')) as {
        aggregate: { counters: Record<string, number>; summaries: Record<string, Record<string, number>> };
      };
      resolve({
        requests: output.aggregate.counters['http.requests'] ?? 0,
        cpuSeconds: seconds,
        hookCpuUs: output.aggregate.summaries['systeme_mock.before_request_cpu_us'],
        hookWallUs: output.aggregate.summaries['systeme_mock.before_request_wall_us'],
      });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-artillery-'));
const phases = [{ duration: SHORT_SECONDS, arrivalRate: RATE }];
const processorScenario = join(dir, 'processor.yml');
writeFileSync(
  processorScenario,
  JSON.stringify({
    config: { processor: here('./artillery/timed-processor.mjs'), phases },
    scenarios: [{ flow: [{ post: { url: '/webhooks/systeme', beforeRequest: 'beforeRequest' } }] }],
  }),
);
// One real SALE_NEW body and its headers, fixed: Artillery sends the same bytes every time.
const now = new Date();
const event = createGenerator({ seed: 7 }).eventBody('SALE_NEW', 0, { at: now });
const headers = Object.fromEntries(
  buildWebhooksHeaders({
    event: 'SALE_NEW',
    schemaVersion: 2,
    body: event.body,
    secret: SECRET,
    messageId: createUuidV7(),
    subscriptionId: createSubscriptionId('bench'),
    attemptId: createUuidV7(),
    eventTime: event.eventTime,
    attemptTime: now,
  }),
);
const staticScenario = join(dir, 'static.yml');
writeFileSync(
  staticScenario,
  JSON.stringify({ config: { phases }, scenarios: [{ flow: [{ post: { url: '/webhooks/systeme', headers, body: event.body } }] }] }),
);

// The processor alone, warm, in a tight loop on this process's Node: the floor for its cost.
{
  const { createArtilleryProcessor } = await import('../src/artillery/index.js');
  const alone = createArtilleryProcessor({ mix: 'SALE_NEW=80,SALE_CANCELED=20', secret: SECRET, seed: 7, log: () => {} });
  const events = { emit: (): void => {} };
  const call = (): void => alone.beforeRequest({ url: 'http://127.0.0.1/webhooks/systeme' }, { vars: {} }, events, () => {});
  for (let i = 0; i < 2000; i++) call();
  const calls = quick ? 5000 : 20_000;
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i++) call();
  const used = process.cpuUsage(cpu);
  console.log(
    `\nArtillery processor alone, warm, ${calls} calls in a loop (Node ${process.versions.node}): ${((used.user + used.system) / calls).toFixed(1)} µs CPU per call`,
  );
}

const receiver = await startReceiver();
console.log(
  `\nArtillery bench: ${RATE} arrivals/s, runs of ${SHORT_SECONDS} s and ${LONG_SECONDS} s per scenario, ${ROUNDS} round(s), body ${event.body.length} bytes, receiver ${receiver.url}`,
);
const slopes: Record<'processor' | 'static', number[]> = { processor: [], static: [] };
const hooks: Array<{ cpu: Record<string, number>; wall: Record<string, number> }> = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, script] of [
      ['static', staticScenario],
      ['processor', processorScenario],
    ] as const) {
      const short = await runScenario(script, receiver.url, join(dir, `${name}-${round}-short.json`), SHORT_SECONDS);
      const long = await runScenario(script, receiver.url, join(dir, `${name}-${round}-long.json`), LONG_SECONDS);
      const us = ((long.cpuSeconds - short.cpuSeconds) * 1e6) / (long.requests - short.requests);
      slopes[name].push(us);
      if (long.hookCpuUs !== undefined && long.hookWallUs !== undefined) hooks.push({ cpu: long.hookCpuUs, wall: long.hookWallUs });
      console.log(
        `  round ${round + 1} ${name.padEnd(9)} ${short.requests} requests: CPU ${short.cpuSeconds.toFixed(2)} s; ${long.requests}: ${long.cpuSeconds.toFixed(2)} s; ${us.toFixed(0)} µs CPU per extra request`,
      );
    }
  }
} finally {
  receiver.stop();
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const diffs = slopes.processor.map((p, k) => p - slopes.static[k]!);
console.log(
  `  CPU per request inside Artillery: static body ${median(slopes.static).toFixed(0)} µs, processor ${median(slopes.processor).toFixed(0)} µs; difference ${median(diffs).toFixed(0)} µs (median of ${diffs.length} round(s))`,
);
for (const { cpu, wall } of hooks) {
  console.log(
    `  beforeRequest timed by the processor (${cpu['count']} calls): thread CPU mean ${cpu['mean']} µs (accounted in scheduler ticks: only the mean is meaningful); wall mean ${wall['mean']} µs, p50 ${wall['p50']}, p99 ${wall['p99']}`,
  );
}
