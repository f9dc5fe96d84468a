/**
 * Inbox bench (issue 10, case 1): `listen` in its own process on 127.0.0.1 receives 100 unsigned
 * 4 MB bodies of four pathological shapes (zeros, deep nesting, a long type, many keys), 10 at a time,
 * while a genuine signed SALE_NEW is sent every 20 ms. Prints the genuine deliveries' latency (the
 * target: answered within 100 ms), the flood's duration and listen's peak RSS (target: under 300 MB).
 * Round 1 at the default 1 MiB limit (the bodies are refused 413 unread); round 2 with
 * --max-body 5000000 (20 bodies, each parsed and checked).
 * Run: node --import tsx bench/inbox.ts [--quick]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generate } from '../src/generate/index.js';
import { signPayload } from '../src/signature/index.js';
import { postBody, readProcessMemory } from '../test/support/hostile-bodies.js';

const quick = process.argv.includes('--quick');
const BIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const SECRET = 'bench-inbox-secret';

async function startListen(args: string[]): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'listen', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SYSTEME_MOCK_SECRET: SECRET },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (http:\/\/\S+\/)/.exec(out);
      if (match !== null) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`listen exited with ${String(code)} before listening`)));
  });
  child.stdout.resume();
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('close', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Starts the flood in its own process; resolves once its bodies are built, with a promise of its figures. */
async function startFlood(
  url: string,
  count: number,
  parallel: number,
): Promise<{ done: Promise<{ statuses: Record<string, number>; ms: number }> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./support/inbox-flood.ts', import.meta.url)), url, String(count), String(parallel)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the flood exited with ${String(code)}`)));
  });
  const done = new Promise<{ statuses: Record<string, number>; ms: number }>((resolve, reject) => {
    child.on('close', (code) => {
      const last = out.trimEnd().split('\n').at(-1)!;
      if (code === 0) resolve(JSON.parse(last) as { statuses: Record<string, number>; ms: number });
      else reject(new Error(`the flood exited with ${String(code)}`));
    });
  });
  return { done };
}

async function round(label: string, args: string[], count: number, parallel: number): Promise<void> {
  const listen = await startListen(args);
  const flood = await startFlood(listen.url, count, parallel);
  let flooding = true;
  const done = flood.done.finally(() => {
    flooding = false;
  });
  const latencies: number[] = [];
  let failedProbes = 0;
  for (let i = 0; flooding; i++) {
    const event = generate('SALE_NEW', { seed: 5, index: i, now: new Date() });
    const answer = await postBody(listen.url, event.body, {
      'x-webhook-event': 'SALE_NEW',
      'x-webhook-signature': signPayload(event.body, SECRET),
    });
    if (answer.status === 200) latencies.push(answer.ms);
    else failedProbes++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { statuses, ms: floodMs } = await done;
  const peak = readProcessMemory(listen.pid).peak;
  await listen.stop();
  latencies.sort((a, b) => a - b);
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  console.log(
    `${label}: ${count} hostile 4 MB bodies in ${(floodMs / 1000).toFixed(1)} s (${Object.entries(statuses)
      .map(([s, n]) => `${n}x${s}`)
      .join(', ')}); ` +
      `${latencies.length} genuine deliveries answered meanwhile, ${failedProbes} not 200: p50 ${ms(percentile(latencies, 50))}, ` +
      `p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies.at(-1) ?? 0)}, ${latencies.filter((l) => l > 100).length} over 100 ms; ` +
      `listen peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`,
  );
}

console.log('Inbox under hostile bodies (loopback; figures disturbed by whatever else runs on the machine)');
await round('default limit (1 MiB)', [], quick ? 40 : 100, 10);
await round('--max-body 5000000', ['--max-body', '5000000'], quick ? 8 : 20, 4);
