// Preloaded with `node --import` into a benchmarked child: on exit, writes the process's peak RSS (KiB)
// to the file named by SYSTEME_MOCK_RSS_FILE. Kept out of the package: benchmarks only.
import { writeFileSync } from 'node:fs';

const target = process.env.SYSTEME_MOCK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
