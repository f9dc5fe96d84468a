/**
 * Journeys benchmark (`npm run bench`): lead-to-buyer journeys generated per second (plans and event
 * bodies, interleaved in time order), in one process.
 */
import { fileURLToPath } from 'node:url';
import { generateJourneys } from '../src/journey/generate-journeys.js';

const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 1000);

export function runJourneysBench(): void {
  console.log(`\n== Journeys: lead-to-buyer, generated and interleaved, ${MEASURE_MS} ms ==`);
  // Warm-up: the catalog, the templates and the account.
  for (const _ of generateJourneys('lead-to-buyer', { count: 200, seed: 1 })) void _;
  let journeys = 0;
  let events = 0;
  const start = performance.now();
  let now = start;
  while (now - start < MEASURE_MS) {
    for (const item of generateJourneys('lead-to-buyer', { count: 500, startIndex: journeys, seed: 1 }))
      events += item.event.body.length > 0 ? 1 : 0;
    journeys += 500;
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  console.log(
    `journeys/s     ${Math.round(journeys / seconds).toLocaleString('en-US')}  (${Math.round(events / seconds).toLocaleString('en-US')} events/s, ${(events / journeys).toFixed(2)} events a journey)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runJourneysBench();
