import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';

/** The seeds whose bytes are pinned in test/golden/. */
export const GOLDEN_SEEDS = [1, 2, 3] as const;

/** Where a seed's golden file lives. */
export function goldenFile(seed: number): URL {
  return new URL(`../golden/seed-${seed}.tsv`, import.meta.url);
}

/**
 * A seed's golden text: one line per built-in trigger, `<trigger id> TAB <event time> TAB <exact body>`,
 * for event 0. A body is one line of pure ASCII (PHP escapes the rest), so the file is its bytes.
 */
export function renderGolden(seed: number): string {
  const generator = createGenerator({ seed });
  return BUILT_IN_TRIGGERS.map((trigger) => {
    const event = generator.event(trigger.id, 0);
    return `${trigger.id}\t${event.eventTime.toISOString()}\t${event.body}\n`;
  }).join('');
}
