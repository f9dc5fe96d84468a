/**
 * Runs autocannon once in its own process (so the bench can pin it to a core as it pins systeme-mock)
 * and prints `{"rate": N, "requests": N, "cpuUs": N}`: requests per second over the run, the requests
 * answered, and the CPU time (user + system, every thread of this process) the run itself took.
 * Options come as one JSON argument: `{ url, seconds, bodyBytes }`; the request is a POST with a body
 * of that size, as in bench/load.ts.
 */
import autocannon from 'autocannon';

const { url, seconds, bodyBytes } = JSON.parse(process.argv[2] ?? '{}') as { url: string; seconds: number; bodyBytes: number };
const body = 'x'.repeat(bodyBytes);
// The CPU clock starts after start-up (imports), as the fire child's does: only the run is compared.
const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url,
  method: 'POST',
  connections: 64,
  duration: seconds,
  body,
  headers: { 'content-type': 'application/json' },
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ rate: result.requests.total / (result.duration > 0 ? result.duration : seconds), requests: result.requests.total, cpuUs: cpu.user + cpu.system })}\n`,
);
