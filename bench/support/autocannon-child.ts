/**
 * Runs autocannon once in its own process (so the bench can pin it to a core as it pins systeme-mock)
 * and prints `{"rate": N}`: requests per second over the run. Options come as one JSON argument:
 * `{ url, seconds, bodyBytes }`; the request is a POST with a body of that size, as in bench/load.ts.
 */
import autocannon from 'autocannon';

const { url, seconds, bodyBytes } = JSON.parse(process.argv[2] ?? '{}') as { url: string; seconds: number; bodyBytes: number };
const result = await autocannon({
  url,
  method: 'POST',
  connections: 64,
  duration: seconds,
  body: 'x'.repeat(bodyBytes),
  headers: { 'content-type': 'application/json' },
});
process.stdout.write(`${JSON.stringify({ rate: result.requests.total / (result.duration > 0 ? result.duration : seconds) })}\n`);
