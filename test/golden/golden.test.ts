import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { GOLDEN_SEEDS, goldenFile, renderGolden } from '../support/render-golden.js';

describe('golden bytes: event 0 of every trigger for 3 seeds', () => {
  it.each(GOLDEN_SEEDS)('seed %i gives exactly the bytes in test/golden/ (an intended change: npm run golden:update, then review the diff)', (seed) => {
    const golden = readFileSync(goldenFile(seed), 'utf8');
    const lines = golden.trimEnd().split('\n');
    expect(lines.map((line) => line.split('\t')[0])).toEqual(BUILT_IN_TRIGGERS.map((t) => t.id));
    const actual = renderGolden(seed).trimEnd().split('\n');
    // Line by line, so a failure names the trigger whose bytes moved.
    for (const [i, line] of lines.entries()) expect(actual[i], `seed ${seed}, ${BUILT_IN_TRIGGERS[i]!.id}`).toBe(line);
    expect(actual).toHaveLength(lines.length);
  });
});
