import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The import check (dependency-cruiser with .dependency-cruiser.cjs) run on planted trees: each plants
// one forbidden import into an otherwise clean copy of the floors, so a pass is not a check that sees nothing.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/check-imports.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project holding one file per floor, each importing the floor below, plus `extra` files. */
function plantTree(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-imports-'));
  made.push(dir);
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    'src/errors.ts': 'export const E = 1;\n',
    'src/wire/headers.ts': "import { E } from '../errors.js';\nexport const H = E;\n",
    'src/catalog/triggers.ts': "import { H } from '../wire/headers.js';\nexport const T = H;\n",
    'src/world/account.ts': "import { T } from '../catalog/triggers.js';\nexport const A = T;\n",
    'src/generate/generator.ts': "import { A } from '../world/account.js';\nexport const G = A;\n",
    'src/delivery/send-events.ts':
      "import { G } from '../generate/generator.js';\nimport { H } from '../wire/headers.js';\nexport const S = G + H;\n",
    'src/receiver/create-inbox.ts': "import { T } from '../catalog/triggers.js';\nexport const I = T;\n",
    'src/cli/main.ts':
      "import { S } from '../delivery/send-events.js';\nimport { I } from '../receiver/create-inbox.js';\nexport const M = S + I;\n",
    'src/index.ts': "export { S } from './delivery/send-events.js';\n",
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function checkImports(dir: string): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [SCRIPT, '--config', CONFIG, 'src'], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout + run.stderr };
}

describe('npm run check:imports', () => {
  it('passes on the project itself', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toContain('no dependency violations found');
    expect(run.status).toBe(0);
  });

  it('passes on a clean tree that uses every floor', () => {
    const run = checkImports(plantTree());
    expect(run.stdout).toContain('no dependency violations found (9 modules, 10 dependencies cruised)');
    expect(run.status).toBe(0);
  });

  it('fails on an upward import, naming the rule and the edge', () => {
    const run = checkImports(
      plantTree({ 'src/catalog/triggers.ts': "import { G } from '../generate/generator.js';\nexport const T = G;\n" }),
    );
    expect(run.stdout).toContain('error floor-2-imports-upward: src/catalog/triggers.ts → src/generate/generator.ts');
    expect(run.status).toBe(1);
  });

  it('fails on a type-only upward import from floor 1', () => {
    const run = checkImports(
      plantTree({ 'src/wire/ids.ts': "import type { T } from '../catalog/triggers.js';\nexport type Id = typeof T;\n" }),
    );
    expect(run.stdout).toContain('error floor-1-imports-upward: src/wire/ids.ts → src/catalog/triggers.ts');
    expect(run.status).toBe(1);
  });

  it('fails when one room of floor 5 imports another', () => {
    const run = checkImports(
      plantTree({
        'src/receiver/create-inbox.ts':
          "import { H } from '../wire/headers.js';\nimport { S } from '../delivery/send-events.js';\nexport const I = H + S;\n",
      }),
    );
    expect(run.stdout).toContain('error floor-5-imports-sideways: src/receiver/create-inbox.ts → src/delivery/send-events.ts');
    expect(run.status).toBe(1);
  });

  it('fails on a cycle inside one room', () => {
    const run = checkImports(
      plantTree({
        'src/delivery/a.ts': "import { B } from './b.js';\nexport const A = B;\n",
        'src/delivery/b.ts': "import type { A } from './a.js';\nexport const B = 1 as unknown as typeof A;\n",
      }),
    );
    expect(run.stdout).toMatch(
      /error no-circular: src\/delivery\/(a|b)\.ts → \n\s+src\/delivery\/(a|b)\.ts →\n\s+src\/delivery\/(a|b)\.ts/,
    );
    expect(run.status).toBe(1);
  });

  it('fails when the CLI imports the public barrel', () => {
    const run = checkImports(plantTree({ 'src/cli/list.ts': "import { S } from '../index.js';\nexport const L = S;\n" }));
    expect(run.stdout).toContain('error cli-imports-root-entry: src/cli/list.ts → src/index.ts');
    expect(run.status).toBe(1);
  });
});
