import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS, type TriggerDefinition } from '../src/catalog/triggers.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The README's trigger table row for a catalog entry. */
function triggerRow(t: TriggerDefinition): string {
  return `| \`${t.id}\` | ${t.dialect} | \`${t.wireName}\` | ${t.schemaVersion === null ? '-' : `v${t.schemaVersion}`} | ${t.description} |`;
}

describe('README', () => {
  it('has a trigger table equal to the catalog', () => {
    const table = README.slice(README.indexOf('<!-- trigger-table:start'), README.indexOf('<!-- trigger-table:end'));
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(BUILT_IN_TRIGGERS.map(triggerRow));
  });

  it('shows the MSW snippet that examples/readme runs, word for word', () => {
    const section = README.slice(README.indexOf('### The shortest useful test'));
    const snippet = section.slice(section.indexOf('```ts\n') + 6, section.indexOf('\n```', section.indexOf('```ts\n')));
    const example = readFileSync(new URL('../examples/readme/readme-snippet.test.ts', import.meta.url), 'utf8');
    expect(example.split('\n').slice(1).join('\n').trim()).toBe(snippet.trim());
  });

  it('names the commands a new user runs', () => {
    expect(README).toContain('npm ci ');
    expect(README).toContain('npx systeme-mock send SALE_NEW --count 3 --seed 1');
    expect(README).toContain('npm test ');
  });
});
