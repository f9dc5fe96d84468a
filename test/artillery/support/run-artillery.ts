import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Artillery and Node 22 live in their own folder, installed from test/artillery/runtime's lockfile by
 * scripts/install-artillery-runtime.sh (.ci/run runs it).
 */
export const RUNTIME = fileURLToPath(new URL('../../../node_modules/.cache/artillery-runtime/node_modules/', import.meta.url));
export const NODE_22 = `${RUNTIME}.bin/node`;
export const ARTILLERY_BIN = `${RUNTIME}artillery/bin/run`;
const TWO_WORKERS = fileURLToPath(new URL('../two-local-workers.mjs', import.meta.url));

export function assertRuntimeInstalled(): void {
  if (!existsSync(NODE_22) || !existsSync(ARTILLERY_BIN)) {
    throw new Error(
      'Failed to find Artillery and Node 22 in node_modules/.cache/artillery-runtime: they are not installed. Run bash scripts/install-artillery-runtime.sh (.ci/run does).',
    );
  }
}

export interface ArtilleryRun {
  code: number | null;
  output: string;
}

/** Runs `artillery run` under Node 22 with two local workers and telemetry off; resolves with its output. */
export function runArtillery(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { twoWorkers?: boolean } = {},
): Promise<ArtilleryRun> {
  assertRuntimeInstalled();
  const preload = options.twoWorkers === false ? [] : ['--import', TWO_WORKERS];
  const child = spawn(NODE_22, [...preload, ARTILLERY_BIN, 'run', ...args], {
    env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
