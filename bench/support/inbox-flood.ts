/**
 * The flood of bench/inbox.ts, in its own process so its sending does not delay the genuine deliveries
 * the bench times: `count` hostile 4 MB bodies to `url`, `parallel` at a time. Prints
 * {"statuses": {...}, "ms": N} when done. Run: node --import tsx bench/support/inbox-flood.ts URL COUNT PARALLEL
 */
import { HOSTILE_SHAPES, postBody } from '../../test/support/hostile-bodies.js';

const [url, countText, parallelText] = process.argv.slice(2);
const count = Number(countText);
const bodies = Object.values(HOSTILE_SHAPES).map((make) => make(4_000_000));
const statuses: Record<string, number> = {};
let next = 0;
process.stdout.write('ready\n');
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(parallelText) }, async () => {
    while (next < count) {
      const { status } = await postBody(url!, bodies[next++ % bodies.length]!);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ statuses, ms: performance.now() - started })}\n`);
