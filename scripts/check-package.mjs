#!/usr/bin/env node
/**
 * `npm run check:package` (part of `npm test`, after the build): the tarball as npm would publish it.
 * 1. `npm pack` into a temporary folder (scripts skipped: `npm test` has just built dist/);
 * 2. publint on the tarball (package.json fields, exports, files that exist);
 * 3. @arethetypeswrong/cli on the tarball with the esm-only profile: the package is ESM only, so a
 *    `require()` from CommonJS (node16-cjs) and node10 resolution are out of scope;
 * 4. a consumer project compiles against the unpacked tarball: `systeme-mock/signature` with
 *    `"types": []` (TypeScript 7's default: the lean entry needs no Node types), every entry with
 *    `"types": ["node"]` (the main and msw entries use Buffer and Node streams), skipLibCheck off.
 * Exits 1 on the first failure, naming the step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const work = mkdtempSync(join(tmpdir(), 'systeme-mock-pack-'));

function run(step, command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    process.stdout.write(output);
    throw new Error(`Failed to check the package: ${step} exited with ${result.status ?? result.signal}. See its output above.`);
  }
  return output;
}

try {
  run('npm pack', 'npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work]);
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz')),
  );
  process.stdout.write(run('publint', bin('publint'), ['run', '--strict', tarball]).trim() + '\n');
  run('attw', bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii']);
  process.stdout.write('attw (esm-only): no problems\n');

  // A consumer with the unpacked tarball as its dependency and the project's own dependencies beside it.
  const consumer = join(work, 'consumer');
  const modules = join(consumer, 'node_modules');
  mkdirSync(join(modules, 'systeme-mock'), { recursive: true });
  run('tar', 'tar', ['xzf', tarball, '-C', join(modules, 'systeme-mock'), '--strip-components=1']);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== 'systeme-mock' && name !== '.bin') symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  const files = {
    'package.json': JSON.stringify({ name: 'consumer', type: 'module', private: true }),
    'signature.ts': [
      "import { createPayloadSigner, signPayload, verifySignature, type SignatureHeader } from 'systeme-mock/signature';",
      "const header: SignatureHeader = signPayload(new Uint8Array([123, 125]), 'secret');",
      "export const ok: boolean = verifySignature('{}', header, 'secret') && createPayloadSigner('secret')('{}') === header;",
    ].join('\n'),
    'all.ts': [
      "import { createInbox, customTrigger, fireLoad, generate, type ErrorCode } from 'systeme-mock';",
      "import { createSystemeApi } from 'systeme-mock/msw';",
      "import { verifySignature } from 'systeme-mock/signature';",
      "export const email: string = generate('SALE_NEW', { seed: 1 }).payload.customer.email;",
      "export const code: ErrorCode = 'UNKNOWN_TRIGGER';",
      'export { createInbox, createSystemeApi, customTrigger, fireLoad, verifySignature };',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(consumer, name), `${text}\n`);
  const compilerOptions = {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  };
  for (const [file, types] of [
    ['signature.ts', []],
    ['all.ts', ['node']],
  ]) {
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, types }, files: [file] }));
    run(`tsc on a consumer of ${file} with types ${JSON.stringify(types)}`, bin('tsc'), ['-p', 'tsconfig.json'], consumer);
    process.stdout.write(`consumer types: ${file} compiles with "types": ${JSON.stringify(types)}\n`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
