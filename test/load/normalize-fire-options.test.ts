import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeFireOptions } from '../../src/load/normalize-fire-options.js';

const base = { triggers: ['SALE_NEW'], to: 'http://127.0.0.1:3000/hook', env: {} };

describe('normalizeFireOptions', () => {
  it('defaults and converts every option once', () => {
    const o = normalizeFireOptions({ ...base, mix: 'SALE_CANCELED=20', rate: '30000/m', duration: '1m', seed: 7 });
    expect(o).toEqual({
      url: 'http://127.0.0.1:3000/hook',
      mix: [
        { trigger: 'SALE_NEW', weight: 1 },
        { trigger: 'SALE_CANCELED', weight: 20 },
      ],
      rate: 500,
      rampMs: 0,
      durationMs: 60_000,
      count: Infinity,
      concurrency: 256,
      maxLagMs: 1000,
      lateAfterMs: 10,
      timeoutMs: 10_000,
      graceMs: 2000,
      seed: '7',
      secret: undefined,
      unsigned: false,
      workers: 1,
      reportFile: undefined,
      logFile: undefined,
      thresholds: [],
      templatesDir: undefined,
      journey: undefined,
      speed: 1,
    });
  });

  it('reads the secret from a file, a flag or SYSTEME_MOCK_SECRET', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secret-')), 's');
    writeFileSync(file, 'from-file\n');
    expect(normalizeFireOptions({ ...base, count: 1, secretFile: file }).secret).toBe('from-file');
    expect(normalizeFireOptions({ ...base, count: 1, secret: 'flag' }).secret).toBe('flag');
    expect(normalizeFireOptions({ ...base, count: 1, env: { SYSTEME_MOCK_SECRET: 'env' } }).secret).toBe('env');
  });

  it('names the fix for each malformed option', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { triggers: [] },
        'Failed to fire: no trigger given. Name one, as in "systeme-mock fire SALE_NEW --to URL --rate 50/s --duration 30s".',
      ],
      [{ to: undefined, count: 1 }, 'Failed to fire: no receiver given. Pass --to http://127.0.0.1:3000/webhooks (your staging receiver).'],
      [
        { to: 'localhost:3000', count: 1 },
        'Failed to read --to "localhost:3000": localhost: is not http or https. Write it as http://127.0.0.1:3000/webhooks.',
      ],
      [{ to: 'not a url', count: 1 }, 'Failed to read --to "not a url": it is not a URL. Write it as http://127.0.0.1:3000/webhooks.'],
      [{}, 'Failed to fire: the run has no end. Pass --duration 30s or --count 1000.'],
      [{ count: 5, duration: '5s' }, 'Failed to read --duration and --count: both bound the run. Pass one of them.'],
      [{ count: '1.5' }, 'Failed to read --count "1.5": expected a whole number from 1. Pass e.g. --count 3.'],
      [{ count: 1, concurrency: '0' }, 'Failed to read --concurrency "0": expected a whole number from 1. Pass e.g. --concurrency 256.'],
      [
        { count: 1, workers: 4, concurrency: 2 },
        'Failed to read --workers 4: it is above --concurrency 2, so a worker would have no slot. Pass fewer workers or more concurrency.',
      ],
      [
        { count: 1, rate: 'max', ramp: '10s' },
        'Failed to read --ramp: a ramp needs a finite --rate to climb to. Pass --rate 500/s with it, or drop --ramp.',
      ],
      [
        { count: 1, timeout: 'ten' },
        'Failed to read --timeout "ten": it is not a duration. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --timeout 10s.',
      ],
      [
        { count: 1, timeout: 3e9 },
        "Failed to read --timeout 3000000000: it is longer than 2147483647 ms (about 24.8 days), the longest wait Node's timers allow. Pass a shorter duration, e.g. --timeout 10s.",
      ],
      [
        { count: 1, mix: 'SALE_NEW=3' },
        'Failed to read the triggers: SALE_NEW is named twice. Name each trigger once, with its weight in --mix.',
      ],
      [
        { count: 1, secret: ['a', 'b'] },
        'Failed to pick a secret: more than one was given. Pass one --secret-file (or one --secret, or SYSTEME_MOCK_SECRET).',
      ],
    ];
    for (const [overrides, message] of cases) {
      expect(() => normalizeFireOptions({ ...base, ...overrides })).toThrow(message);
    }
  });
});
