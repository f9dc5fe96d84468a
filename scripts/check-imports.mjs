#!/usr/bin/env node
/**
 * `npm run check:imports`: dependency-cruiser with the project's rules (.dependency-cruiser.cjs): the
 * import floors of DESIGN.md and no cycles. Exits 1 and names each violation when the rules fail.
 *
 * Why not the `depcruise` command itself: dependency-cruiser 18's command refuses to start on Node 20
 * (its `engines` say ^22), while the package supports Node ^20.19. Its API has no such gate, so this
 * script runs the same cruise, with the same config file and the same `err` report, on every Node we
 * support. On Node 22 or later `npx depcruise src --config .dependency-cruiser.cjs` gives the same verdict.
 *
 * Usage: node scripts/check-imports.mjs [--config <file>] [<folder>...]   (run from the project root)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const args = process.argv.slice(2);
let configFile = '.dependency-cruiser.cjs';
const targets = [];
for (let k = 0; k < args.length; k++) {
  if (args[k] === '--config') configFile = args[++k] ?? '';
  else targets.push(args[k]);
}
if (!existsSync(configFile)) {
  console.error(`Failed to check imports: the config ${configFile} does not exist. Run from the project root or pass --config <file>.`);
  process.exit(2);
}
// Resolved as a module name otherwise: '.dependency-cruiser.cjs' would be looked up in node_modules.
const options = await extractDepcruiseOptions(resolve(configFile));
const tsConfigFile = options.tsConfig?.fileName;
const tsConfig = tsConfigFile !== undefined && existsSync(tsConfigFile) ? extractTSConfig(tsConfigFile) : undefined;
const result = await cruise(targets.length > 0 ? targets : ['src'], { ...options, outputType: 'err' }, undefined, { tsConfig });
process.stdout.write(String(result.output));
process.exitCode = result.exitCode === 0 ? 0 : 1;
