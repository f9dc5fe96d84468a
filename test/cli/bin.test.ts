import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

describe('the systeme-mock bin', () => {
  it('is executable as built, so npx runs it whatever state npm left node_modules in', () => {
    // tsc writes files without the executable bit; npx only sets it on some of its paths (not after a
    // test run has touched node_modules), and then fails with "Permission denied".
    expect(statSync(CLI).mode & 0o111).toBe(0o111);
    const result = spawnSync(CLI, ['list', '--json'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(17);
  });
});
