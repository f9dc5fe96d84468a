import { describe, expect, it } from 'vitest';
import { createTriggerPicker } from '../../src/load/create-trigger-picker.js';

function countPicks(pick: (i: number) => string, n: number, start = 0, step = 1): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = start; i < n; i += step) counts[pick(i)] = (counts[pick(i)] ?? 0) + 1;
  return counts;
}

describe('createTriggerPicker', () => {
  const mix = [
    { trigger: 'SALE_NEW', weight: 80 },
    { trigger: 'SALE_CANCELED', weight: 20 },
  ];

  it('gives the same picks for the same seed, and proportions within 1% of the weights', () => {
    const counts = countPicks(createTriggerPicker(mix, '7'), 10_000);
    expect(counts).toEqual(countPicks(createTriggerPicker(mix, '7'), 10_000));
    expect(counts.SALE_NEW! + counts.SALE_CANCELED!).toBe(10_000);
    expect(Math.abs(counts.SALE_CANCELED! / 10_000 - 0.2)).toBeLessThan(0.01);
  });

  it('picks exactly these counts at seed 7 (deterministic)', () => {
    expect(countPicks(createTriggerPicker(mix, '7'), 10_000)).toEqual({ SALE_NEW: 7916, SALE_CANCELED: 2084 });
  });

  it('picks for index i alone, so workers taking i ≡ k (mod N) together pick what one process picks', () => {
    const pick = createTriggerPicker(mix, '7');
    const a = countPicks(pick, 1000, 0, 2);
    const b = countPicks(pick, 1000, 1, 2);
    const whole = countPicks(pick, 1000);
    expect((a.SALE_NEW ?? 0) + (b.SALE_NEW ?? 0)).toBe(whole.SALE_NEW);
  });

  it('differs between seeds and splits equal weights evenly', () => {
    expect(countPicks(createTriggerPicker(mix, '8'), 10_000)).not.toEqual(countPicks(createTriggerPicker(mix, '7'), 10_000));
    const even = countPicks(
      createTriggerPicker(
        [
          { trigger: 'A', weight: 1 },
          { trigger: 'B', weight: 1 },
          { trigger: 'C', weight: 1 },
        ],
        'x',
      ),
      30_000,
    );
    for (const n of Object.values(even)) expect(Math.abs(n / 30_000 - 1 / 3)).toBeLessThan(0.01);
  });
});
