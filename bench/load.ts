/**
 * Load bench: one minimal receiver in its own process on 127.0.0.1, then
 *   1. autocannon, 64 connections, POST with a body the size of a SALE_NEW body, and
 *   2. systeme-mock at full speed (rate max, concurrency 64) with unique signed SALE_NEW bodies,
 *      taking turns, 5 rounds of 5 s each (1 of 3 s with --quick); the verdict is the median ratio,
 *      and each client's CPU time per request (user + system of its whole process over the run, from
 *      process.cpuUsage) side by side: on a busy or different machine the ratio moves, CPU per request
 *      much less, so progress shows there first;
 *   3. systeme-mock at 200/s and 1000/s for 10 s: achieved rate and schedule lag;
 *   4. a 100,000-request run: peak RSS of the process running the engine.
 * Targets (issue 16): fire >= 60% of autocannon's requests/s and <= 25 µs CPU per request; paced runs
 * within 0.5% of the rate asked with a schedule lag p99 under 2 ms. Exits 1 when one is missed.
 * Every client run is a fresh child process. Where `taskset` exists and there are two cores or more,
 * the receiver runs on CPU 1 and, for the autocannon comparison, each client on CPU 0, so both clients
 * meet the same setup: one core each, none shared with the receiver. The other runs are unpinned. Unpinned, on a 2-core machine, the scheduler moved the processes'
 * threads across both cores and one client's CPU cost per request varied up to 2x from run to run.
 * Run: node --import tsx bench/load.ts [--quick] [--no-pin] [--side-by-side (the rounds only)]
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from '../src/generate/index.js';

const quick = process.argv.includes('--quick');
const sideBySideOnly = process.argv.includes('--side-by-side');
const SECONDS = quick ? 3 : 10;
const ROUNDS = quick ? 1 : 5;
const ROUND_SECONDS = quick ? 3 : 5;
const BIG_COUNT = quick ? 20_000 : 100_000;
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const pin = !process.argv.includes('--no-pin') && availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** The command line that runs `args` (node first) on one CPU, or as is when not pinning. */
function onCpu(cpu: number | null, args: string[]): [string, string[]] {
  return pin && cpu !== null ? ['taskset', ['-c', String(cpu), ...args]] : [args[0]!, args.slice(1)];
}

interface ChildFigures {
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  late: number;
  elapsedMs: number;
  achievedRate: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  latencyP99Ms: number;
  maxRssMb: number;
  /** CPU time (user + system, µs) of the client process over fireLoad, start-up (imports) excluded. */
  cpuUs: number;
}

function startReceiver(): Promise<{ port: number; stop: () => Promise<number> }> {
  const [command, args] = onCpu(1, [process.execPath, '--import', 'tsx', here('./support/minimal-receiver.ts')]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  const lines: string[] = [];
  let waiter: ((line: string) => void) | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (waiter) {
        const w = waiter;
        waiter = undefined;
        w(line);
      } else lines.push(line);
    }
  });
  const nextLine = (): Promise<string> =>
    lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => (waiter = resolve));
  return nextLine().then((line) => ({
    port: (JSON.parse(line) as { port: number }).port,
    stop: async () => {
      child.kill('SIGTERM');
      return (JSON.parse(await nextLine()) as { received: number }).received;
    },
  }));
}

// The engine runs from the build (npm run bench builds first) in a fresh process, so its peak RSS is
// the shipped code's own and not tsx's compile caches'. BENCH_DIST names another build (a before/after
// comparison: build the old commit into a folder of the same depth, e.g. .bench-before/dist).
const DIST = process.env.BENCH_DIST ?? here('../dist');
const CHILD = `
const { fireLoad } = await import(${JSON.stringify(join(DIST, 'load/index.js'))});
const options = JSON.parse(process.argv[1]);
// At full speed a short run first, untimed, as autocannon has nothing to set up: the CPU per request
// then counts the requests, not loading templates and the world's pools or compiling the hot path.
if (options.rate === 'max') {
  const { duration, ...rest } = options;
  await fireLoad({ ...rest, count: 2000, env: {} });
}
const cpuBefore = process.cpuUsage();
const { report } = await fireLoad({ ...options, env: {} });
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(JSON.stringify({
  sent: report.counts.sent, ok: report.counts.ok, failed: report.counts.failed, dropped: report.counts.dropped,
  late: report.counts.late, elapsedMs: report.elapsedMs, achievedRate: report.achievedRate,
  lagP50Ms: report.latency.scheduleLag.p50, lagP99Ms: report.latency.scheduleLag.p99, lagMaxMs: report.latency.scheduleLag.max,
  latencyP99Ms: report.latency.fromIntended.p99, maxRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
  cpuUs: cpu.user + cpu.system,
}) + '\\n');
`;

/** Runs a child process (on CPU 0 when pinning, unless cpu is null) and parses the JSON line it prints. */
function runJsonChild<T>(args: string[], cpu: number | null = 0): Promise<T> {
  return new Promise((resolve, reject) => {
    const [command, rest] = onCpu(cpu, [process.execPath, ...args]);
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`bench child exited with ${code}`))));
  });
}

const runChild = (options: Record<string, unknown>, cpu: number | null = 0): Promise<ChildFigures> =>
  runJsonChild<ChildFigures>(['--input-type=module', '-e', CHILD, JSON.stringify(options)], cpu);

const pad = (s: string | number, n: number): string => String(s).padStart(n);

interface OtherPhases {
  full2: ChildFigures;
  r200: ChildFigures;
  r1000: ChildFigures;
  big: ChildFigures;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
const within = (f: ChildFigures, asked: number): number => (Math.abs(f.achievedRate - asked) / asked) * 100;

/** Two workers, the paced runs and the big run, after the side-by-side rounds. */
async function runOtherPhases(base: Record<string, unknown>): Promise<OtherPhases> {
  process.stderr.write('systeme-mock at full speed, 2 worker threads...\n');
  // Two workers want both cores: this one runs unpinned, sharing the receiver's core.
  const full2 = await runChild({ ...base, rate: 'max', concurrency: 64, duration: `${SECONDS}s`, workers: 2 }, null);
  process.stderr.write('systeme-mock at 200/s...\n');
  // Paced runs go unpinned, as a user runs them: pinned to one core, the engine's thread shared it with
  // V8's GC helper threads, and the p99 schedule lag at 1000/s rose from 2.9-3.5 ms to 4.5-5.9 ms.
  const r200 = await runChild({ ...base, rate: '200/s', concurrency: 64, duration: `${SECONDS}s` }, null);
  process.stderr.write('systeme-mock at 1000/s...\n');
  const r1000 = await runChild({ ...base, rate: '1000/s', concurrency: 64, duration: `${SECONDS}s` }, null);
  process.stderr.write(`systeme-mock ${BIG_COUNT} requests...\n`);
  const big = await runChild({ ...base, rate: 'max', concurrency: 64, count: BIG_COUNT }, null);
  return { full2, r200, r1000, big };
}

function otherRows({ full2, r200, r1000, big }: OtherPhases, acRate: number): string[][] {
  return [
    [
      'systeme-mock full speed, --workers 2',
      `${full2.achievedRate.toFixed(0)} req/s`,
      `ratio ${((full2.achievedRate / acRate) * 100).toFixed(1)}% (unpinned: shares the receiver's core)`,
      '',
    ],
    [
      'systeme-mock 200/s for ' + SECONDS + 's',
      `${r200.achievedRate.toFixed(2)} req/s`,
      `off by ${within(r200, 200).toFixed(2)}%, lag p99 ${r200.lagP99Ms.toFixed(2)} ms (<= 0.5%, < 2 ms)`,
      verdict(within(r200, 200) <= 0.5 && r200.lagP99Ms < 2),
    ],
    [
      'systeme-mock 1000/s for ' + SECONDS + 's',
      `${r1000.achievedRate.toFixed(2)} req/s`,
      `off by ${within(r1000, 1000).toFixed(2)}%, lag p99 ${r1000.lagP99Ms.toFixed(2)} ms (<= 0.5%, < 2 ms)`,
      verdict(within(r1000, 1000) <= 0.5 && r1000.lagP99Ms < 2),
    ],
    [
      `systeme-mock ${BIG_COUNT} requests (rate max)`,
      `${big.achievedRate.toFixed(0)} req/s`,
      `peak RSS ${big.maxRssMb} MB (target < 200 MB)`,
      verdict(big.maxRssMb < 200),
    ],
  ];
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  try {
    await runPhases(receiver);
  } catch (error) {
    await receiver.stop();
    throw error;
  }
}

async function runPhases(receiver: { port: number; stop: () => Promise<number> }): Promise<void> {
  const url = `http://127.0.0.1:${receiver.port}/webhooks/systeme`;
  const sample = createGenerator({ seed: 1 }).event('SALE_NEW', 0, { at: new Date() }).body;
  process.stderr.write(`receiver on 127.0.0.1:${receiver.port}; SALE_NEW body ${sample.length} bytes; ${SECONDS}s per phase\n`);
  process.stderr.write(
    pin
      ? 'pinned: the receiver on CPU 1, each client on CPU 0 (taskset)\n'
      : 'unpinned: the OS places every process (no taskset, one core, or --no-pin)\n',
  );

  // autocannon and systeme-mock take turns, ROUNDS times: on a shared machine the CPU a process gets
  // drifts by up to ~1.7x over minutes (measured), so each ratio compares neighbours in time and the
  // verdict takes the median ratio.
  const base = { triggers: ['SALE_NEW'], to: url, seed: 1, secret: 'bench-secret', timeout: '10s' };
  const rounds: Array<{ acRate: number; acCpuPerRequest: number; full: ChildFigures; fireCpuPerRequest: number; ratio: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round}/${ROUNDS}: autocannon...\n`);
    const ac = await runJsonChild<{ rate: number; requests: number; cpuUs: number }>([
      '--import',
      'tsx',
      here('./support/autocannon-child.ts'),
      JSON.stringify({ url, seconds: ROUND_SECONDS, bodyBytes: sample.length }),
    ]);
    process.stderr.write(`round ${round}/${ROUNDS}: systeme-mock at full speed...\n`);
    const full = await runChild({ ...base, rate: 'max', concurrency: 64, duration: `${ROUND_SECONDS}s` });
    rounds.push({
      acRate: ac.rate,
      acCpuPerRequest: ac.cpuUs / Math.max(1, ac.requests),
      full,
      fireCpuPerRequest: full.cpuUs / Math.max(1, full.sent),
      ratio: full.achievedRate / ac.rate,
    });
  }
  const middle = <T>(values: T[], by: (v: T) => number): T => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
  const { acRate, full, ratio } = middle(rounds, (r) => r.ratio);
  // CPU per request: the median of each client's own rounds (it need not be the median-ratio round's).
  const acCpu = middle(rounds, (r) => r.acCpuPerRequest).acCpuPerRequest;
  const fireCpu = middle(rounds, (r) => r.fireCpuPerRequest).fireCpuPerRequest;
  // --side-by-side stops here: the comparison alone, for measuring a change to the hot path.
  const rest = sideBySideOnly ? undefined : await runOtherPhases(base);
  const received = await receiver.stop();

  const rows = [
    ...rounds.map((r, k) => [
      `round ${k + 1}: autocannon / systeme-mock`,
      `${r.acRate.toFixed(0)} / ${r.full.achievedRate.toFixed(0)}`,
      `ratio ${(r.ratio * 100).toFixed(1)}%, CPU ${r.acCpuPerRequest.toFixed(1)} / ${r.fireCpuPerRequest.toFixed(1)} µs/req`,
      '',
    ]),
    [
      'autocannon, 64 connections, same-size body',
      `${acRate.toFixed(0)} req/s`,
      `the median round; CPU ${acCpu.toFixed(1)} µs/req (median)`,
      '',
    ],
    [
      'systeme-mock full speed, unique signed SALE_NEW',
      `${full.achievedRate.toFixed(0)} req/s`,
      `median ratio ${(ratio * 100).toFixed(1)}% (target >= 60%)`,
      verdict(ratio >= 0.6),
    ],
    [
      'systeme-mock full speed, CPU per request',
      `${fireCpu.toFixed(1)} µs/req`,
      `autocannon ${acCpu.toFixed(1)} µs/req (target <= 25 µs)`,
      verdict(fireCpu <= 25),
    ],
    ...(rest === undefined ? [] : otherRows(rest, acRate)),
  ];
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  process.stdout.write(`\nload bench (2 processes: client + receiver on 127.0.0.1, ${pin ? 'pinned to one core each' : 'unpinned'})\n`);
  for (const r of rows) process.stdout.write(`  ${r[0]!.padEnd(w0)}  ${pad(r[1]!, 16)}  ${r[2]!.padEnd(64)} ${r[3]}\n`);
  const failed = rows.filter((r) => r[3] === 'FAIL').map((r) => r[0]!);
  process.stdout.write(`  details: full ${JSON.stringify(full)}\n`);
  if (rest !== undefined) {
    process.stdout.write(
      `           full, 2 workers ${JSON.stringify(rest.full2)}\n           200/s ${JSON.stringify(rest.r200)}\n           1000/s ${JSON.stringify(rest.r1000)}\n           big ${JSON.stringify(rest.big)}\n`,
    );
  }
  process.stdout.write(`  receiver counted ${received} requests in all\n`);
  // A FAIL printed is a failed bench: the exit code says so to scripts and CI (bench/run.ts passes it on).
  if (failed.length > 0) {
    process.stderr.write(`load bench: ${failed.length} check(s) FAIL: ${failed.join('; ')}\n`);
    process.exitCode = 1;
  }
}

await main();
