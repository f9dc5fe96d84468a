// msw is an optional peer dependency: only the `systeme-mock/msw` entry may load it. These tests run the
// BUILT package (`npm test` builds first) in a Node process where `msw` cannot be resolved.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

const HOOK = `
export async function resolve(specifier, context, next) {
  if (specifier === 'msw' || specifier.startsWith('msw/')) {
    const error = new Error("Cannot find package 'msw' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
`;

let registerFile = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-no-msw-'));
  writeFileSync(join(dir, 'hide-msw.mjs'), HOOK);
  registerFile = join(dir, 'register.mjs');
  writeFileSync(
    registerFile,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hide-msw.mjs')).href)});\n`,
  );
});

/** Imports a specifier from the package root in a process that cannot see msw. */
async function importWithoutMsw(specifier: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).sort().join(','));`;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', pathToFileURL(registerFile).href, '--input-type=module', '-e', script],
      { cwd: ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('without msw installed', () => {
  it('the hook really hides msw: the msw entry fails to load', async () => {
    const result = await importWithoutMsw('systeme-mock/msw');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot find package 'msw' imported from");
  });

  it('the main entry loads', async () => {
    const result = await importWithoutMsw('systeme-mock');
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('generate');
  });

  it('the signature entry and the msw-free request builder load', async () => {
    expect((await importWithoutMsw('systeme-mock/signature')).stdout).toBe('createPayloadSigner,signPayload,verifySignature\n');
    const builder = await importWithoutMsw(pathToFileURL(join(ROOT, 'dist/msw/create-webhook-request.js')).href);
    expect(builder).toMatchObject({ code: 0, stdout: 'createWebhookRequest\n' });
  });

  it('no source file outside src/msw imports msw', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (path !== join(ROOT, 'src/msw')) walk(path);
        } else if (entry.name.endsWith('.ts') && /from ['"]msw(\/[^'"]*)?['"]/.test(readFileSync(path, 'utf8'))) {
          offenders.push(relative(ROOT, path));
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
