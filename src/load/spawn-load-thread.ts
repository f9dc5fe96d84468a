import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of this folder (`fire-worker`, `request-builder-thread`), from the
 * build (`.js`) or, under tsx or vitest, from the TypeScript source.
 * @example spawnLoadThread('fire-worker', init)
 */
export function spawnLoadThread(moduleName: string, workerData: unknown): Worker {
  const here = import.meta.url;
  // A worker inherits the parent's flags; `--input-type` (from `node --input-type=module -e`) is refused there.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  if (here.endsWith('.ts')) {
    // From source the worker is TypeScript: register tsx's loader inside the worker first, since a
    // worker does not inherit the parent's loader hooks.
    const entry = new URL(`./${moduleName}.ts`, here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(code, { eval: true, workerData, execArgv });
  }
  return new Worker(new URL(`./${moduleName}.js`, here), { workerData, execArgv });
}
