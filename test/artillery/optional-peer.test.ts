// Artillery is an optional peer dependency: nothing in the package imports it (Artillery imports the
// processor). These run the BUILT package in a Node process where `artillery` cannot be resolved.
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
  if (specifier === 'artillery' || specifier.startsWith('artillery/')) {
    const error = new Error("Cannot find package 'artillery' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
`;

let registerFile = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-no-artillery-'));
  writeFileSync(join(dir, 'hide.mjs'), HOOK);
  registerFile = join(dir, 'register.mjs');
  writeFileSync(
    registerFile,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hide.mjs')).href)});\n`,
  );
});

async function importWithoutArtillery(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
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

describe('without artillery installed', () => {
  it('the hook really hides artillery', async () => {
    const result = await importWithoutArtillery("await import('artillery');");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot find package 'artillery' imported from");
  });

  it('the main entry and the artillery entry load, and the processor works', async () => {
    const main = await importWithoutArtillery("const m = await import('systeme-mock'); console.log(typeof m.generate, typeof m.fireLoad);");
    expect(main).toMatchObject({ code: 0, stdout: 'function function\n' });
    const entry = await importWithoutArtillery(
      "const { createArtilleryProcessor } = await import('systeme-mock/artillery'); const p = createArtilleryProcessor({ mix: 'SALE_NEW', secret: 's', seed: 1, stream: 0, log: () => {} }); const r = {}; p.beforeRequest(r, { vars: {} }, { emit() {} }, (e) => console.log(e === undefined, r.headers['x-webhook-event']));",
    );
    expect(entry).toMatchObject({ code: 0, stdout: 'true SALE_NEW\n' });
  });

  it('no source file imports artillery', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && /from ['"]artillery(\/[^'"]*)?['"]|import\(['"]artillery/.test(readFileSync(path, 'utf8')))
          offenders.push(relative(ROOT, path));
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
