/**
 * API-store seeding benchmark (`npm run bench`): how long `createSystemeApi({ contacts: N })` takes for
 * N = 25,000 / 50,000 / 100,000 world contacts, and the same for given contacts (no generator), so a
 * quadratic scan (issue 10 case 21: 16k contacts took 9 s) shows as a ratio far above 2 per doubling.
 * Target on a 2-core machine: 100,000 contacts under 2 s. `--quick` stops at 25,000.
 */
import { createSystemeApi } from '../src/msw/create-systeme-api.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [12_500, 25_000] : [25_000, 50_000, 100_000];

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// Warm up the generator and the account caches.
createSystemeApi({ contacts: 500 });

let previous: number | null = null;
for (const n of sizes) {
  const ms = time(() => createSystemeApi({ contacts: n, courses: 0, communities: 0, subscriptions: 0 }));
  const ratio = previous === null ? '' : `  x${(ms / previous).toFixed(2)} for x2 contacts`;
  console.log(`seed ${n.toLocaleString('en')} world contacts: ${Math.round(ms)} ms${ratio}`);
  previous = ms;
}
const given = Array.from({ length: sizes.at(-1)! }, (_, i) => ({
  email: `c${i}@example.com`,
  tags: [`t${i % 50}`],
  fields: [{ slug: 'first_name', value: `C${i}` }],
}));
const ms = time(() => createSystemeApi({ contacts: given, courses: 0, communities: 0, subscriptions: 0 }));
console.log(`seed ${given.length.toLocaleString('en')} given contacts: ${Math.round(ms)} ms`);
