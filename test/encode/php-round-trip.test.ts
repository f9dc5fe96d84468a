import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';

const SEEDS = [1, 2, 3, 'php'] as const;
const EVENTS_PER_TRIGGER_AND_SEED = 30;

/**
 * Decodes every line with json_decode (objects stay objects, so {} and [] keep apart) and encodes it
 * again with systeme.io's flags: PHP's defaults (`\/` and `\uXXXX` escapes) plus JSON_PRESERVE_ZERO_FRACTION,
 * which writes `"vat":0.0` as the capture shows. One line out per line in.
 */
const PHP_ROUND_TRIP = `
$in = fopen($argv[1], 'r');
while (($line = fgets($in)) !== false) {
  $value = json_decode(rtrim($line, "\\n"), false, 512, JSON_THROW_ON_ERROR);
  echo json_encode($value, JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR), "\\n";
}
`;

function runPhp(file: string): string {
  const result = spawnSync('php', ['-r', PHP_ROUND_TRIP, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('Failed to run php: it is not installed. Install php-cli (apt-get install php-cli); .ci/run installs it when missing.');
  }
  if (result.status !== 0) throw new Error(`Failed to run php (exit ${String(result.status)}): ${result.stderr}`);
  return result.stdout;
}

describe('PHP round trip (an independent oracle: Debian php-cli 8.2)', () => {
  it(`json_decode then json_encode leaves every body byte-identical: ${SEEDS.length * EVENTS_PER_TRIGGER_AND_SEED} bodies of each of the 17 triggers`, () => {
    const bodies: string[] = [];
    const overridden: string[] = [];
    for (const seed of SEEDS) {
      const generator = createGenerator({ seed });
      for (const trigger of BUILT_IN_TRIGGERS) {
        for (let index = 0; index < EVENTS_PER_TRIGGER_AND_SEED; index++) bodies.push(generator.event(trigger.id, index).body);
      }
      // The other encoding path: a payload changed by overrides is encoded from the object.
      overridden.push(
        generator.event('SALE_NEW', 1, {
          overrides: { order: { vat: 0 }, customer: { email: 'a/b@exemple.fr', fields: { first_name: 'Zoë 😀' } } },
        }).body,
      );
    }
    expect(bodies.length).toBeGreaterThanOrEqual(2000);
    const all = [...bodies, ...overridden];
    const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-php-'));
    const file = join(dir, 'bodies.ndjson');
    writeFileSync(file, all.map((body) => `${body}\n`).join(''));
    const echoed = runPhp(file).split('\n').slice(0, -1);
    expect(echoed).toHaveLength(all.length);
    const differing = all.flatMap((body, i) => (echoed[i] === body ? [] : [`#${i}: ${body}\n  php: ${echoed[i]}`]));
    expect(differing.slice(0, 3)).toEqual([]);
    // The bodies exercise what PHP's encoder does differently from JSON.stringify.
    expect(all.some((body) => body.includes('\\/'))).toBe(true);
    expect(all.some((body) => /\\u00[0-9a-f]{2}/.test(body))).toBe(true);
    expect(all.some((body) => /\\ud83d\\ude00/.test(body))).toBe(true);
    expect(all.some((body) => body.includes('"vat":0.0'))).toBe(true);
    expect(all.some((body) => body.includes('"fields":[]'))).toBe(true);
  });
});
