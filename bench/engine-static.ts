/**
 * The engine and the socket transport alone: one prebuilt SALE_NEW request sent again and again at rate
 * max (concurrency 64) against the minimal receiver, so that what is measured is everything between "a
 * request is built" and "its response is counted", not the building. Two forms of the same request:
 * `parts` (headers and a body string) and `wire` (its complete bytes, see LoadWireRequest). Prints the
 * client's user and system CPU µs per request (process.cpuUsage over the run, start-up and a 300 ms
 * warm-up excluded), median and min of the rounds. The receiver runs on CPU 1 and each client on CPU 0
 * (taskset), rounds alternate between the builds named in BENCH_DISTS (comma-separated dist folders;
 * default: this tree's dist). On a shared machine compare builds in one run, never across runs.
 * Run: npm run build && node --import tsx bench/engine-static.ts [--rounds 5] [--seconds 3]
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ROUNDS = argument('--rounds', 5);
const SECONDS = argument('--seconds', 3);
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const dists = (process.env.BENCH_DISTS ?? here('../dist')).split(',');
const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

const CHILD = `
const [dist, url, mode, ms] = process.argv.slice(1);
const { startLoad, createFireRequestFactory, formatRequestPrefix } = await import(dist + '/load/index.js');
const parts = createFireRequestFactory({ url, mix: [{ trigger: 'SALE_NEW', weight: 1 }], seed: '1', secret: 's' })(0, new Date());
let request = parts;
if (mode === 'wire') {
  const u = new URL(url);
  let head = formatRequestPrefix(u, u.pathname + u.search);
  for (let k = 0; k < parts.headers.length; k += 2) head += parts.headers[k] + ': ' + parts.headers[k + 1] + '\\r\\n';
  const body = Buffer.from(parts.body, 'utf8');
  const wire = Buffer.concat([Buffer.from(head + 'content-length: ' + body.length + '\\r\\n\\r\\n', 'latin1'), body]);
  request = { trigger: parts.trigger, messageId: parts.messageId, attemptId: parts.attemptId, wire };
}
const options = { url, rate: Infinity, rampMs: 0, count: Infinity, durationMs: Number(ms), concurrency: 64, maxLagMs: 60000, lateAfterMs: 5, timeoutMs: 10000, graceMs: 1000 };
await startLoad({ ...options, durationMs: 300 }, { makeRequest: () => request }).done;
const before = process.cpuUsage();
const { stats } = await startLoad(options, { makeRequest: () => request }).done;
const used = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ sent: stats.sent, failed: stats.failed, user: used.user / stats.sent, system: used.system / stats.sent }));
`;

function onCpu(cpu: number, args: string[]): [string, string[]] {
  return pin ? ['taskset', ['-c', String(cpu), ...args]] : [args[0]!, args.slice(1)];
}

const [command, args] = onCpu(1, [process.execPath, '--import', 'tsx', here('./support/minimal-receiver.ts')]);
const receiver = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => {
  receiver.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString().split('\n')[0]!) as { port: number }).port));
});
const url = `http://127.0.0.1:${port}/webhooks/systeme`;

const results = new Map<string, Array<{ user: number; system: number }>>();
for (let round = 1; round <= ROUNDS; round++) {
  for (const mode of ['parts', 'wire']) {
    for (const dist of dists) {
      const [c, a] = onCpu(0, [process.execPath, '--input-type=module', '-e', CHILD, dist, url, mode, String(SECONDS * 1000)]);
      const run = spawnSync(c, a, { encoding: 'utf8' });
      if (run.status !== 0) {
        const reason = run.stderr.split('\n').find((line) => /Error/.test(line)) ?? `exit code ${run.status}`;
        process.stderr.write(`Failed to run the ${mode} round on ${dist}: ${reason.trim()}\n`);
        continue;
      }
      const figures = JSON.parse(run.stdout) as { sent: number; failed: number; user: number; system: number };
      const key = `${mode.padEnd(5)} ${dist}`;
      results.set(key, [...(results.get(key) ?? []), figures]);
      process.stderr.write(`round ${round}/${ROUNDS} ${key}: user ${figures.user.toFixed(1)} sys ${figures.system.toFixed(1)} µs/req\n`);
    }
  }
}
receiver.kill('SIGTERM');

const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
const show = (values: number[]): string => `median ${median(values).toFixed(1)} (min ${Math.min(...values).toFixed(1)})`;
process.stdout.write(`engine + socket transport, one prebuilt request at rate max, CPU µs per request (${pin ? 'pinned' : 'unpinned'})\n`);
for (const [key, runs] of results) {
  process.stdout.write(`  ${key}  user ${show(runs.map((r) => r.user))}  system ${show(runs.map((r) => r.system))}\n`);
}
