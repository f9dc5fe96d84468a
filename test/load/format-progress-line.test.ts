import { describe, expect, it } from 'vitest';
import { plannedSeconds } from '../../src/load/fire-load.js';
import { formatClock, formatProgressLine } from '../../src/load/format-fire-summary.js';
import { normalizeFireOptions } from '../../src/load/normalize-fire-options.js';

const counts = { sent: 6250, ok: 6200, failed: 50, dropped: 0 };

describe('the TTY progress line, as k6 shows it', () => {
  it('writes minutes and seconds to a tenth, as k6 does', () => {
    expect(formatClock(0)).toBe('0m00.0s');
    expect(formatClock(12.54)).toBe('0m12.5s');
    expect(formatClock(300)).toBe('5m00.0s');
    expect(formatClock(4323)).toBe('72m03.0s');
  });

  it('shows elapsed/total and the time left for a --duration run', () => {
    expect(formatProgressLine(counts, 12.5, 3.2, { totalSeconds: 300 })).toBe(
      'running 0m12.5s/5m00.0s  eta 4m47.5s  sent 6250  ok 6200  failed 50  dropped 0  rate 500.0/s  p99 3.20ms',
    );
  });

  it('never shows elapsed past the total, nor a negative ETA, while the last requests finish', () => {
    expect(formatProgressLine(counts, 301.2, 3.2, { totalSeconds: 300 })).toMatch(/^running 5m00\.0s\/5m00\.0s {2}eta 0m00\.0s {2}/);
  });

  it('takes the total of a --count run from its schedule, ramp included', () => {
    // 1000 at 500/s: the last is due at 1.998 s, done one interval later.
    expect(
      plannedSeconds(normalizeFireOptions({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1/', rate: '500/s', count: 1000, env: {} })),
    ).toBe(2);
    // A 10 s ramp to 100/s holds 500 requests; 500 more at 100/s take 5 s.
    expect(
      plannedSeconds(
        normalizeFireOptions({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1/', rate: '100/s', ramp: '10s', count: 1000, env: {} }),
      ),
    ).toBe(15);
    expect(
      plannedSeconds(normalizeFireOptions({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1/', rate: '100/s', duration: '90s', env: {} })),
    ).toBe(90);
  });

  it('estimates the total from the pace at rate max with --count, marked ~; says ? when it cannot', () => {
    expect(
      plannedSeconds(normalizeFireOptions({ triggers: ['SALE_NEW'], to: 'http://127.0.0.1/', rate: 'max', count: 10_000, env: {} })),
    ).toBeNull();
    expect(formatProgressLine({ sent: 2500, ok: 2500, failed: 0, dropped: 0 }, 5, 1, { totalSeconds: null, count: 10_000 })).toBe(
      'running 0m05.0s/~0m20.0s  eta ~0m15.0s  sent 2500  ok 2500  failed 0  dropped 0  rate 500.0/s  p99 1.00ms',
    );
    expect(formatProgressLine({ sent: 0, ok: 0, failed: 0, dropped: 0 }, 0.2, 0, { totalSeconds: null, count: 10_000 })).toBe(
      'running 0m00.2s  eta ?  sent 0  ok 0  failed 0  dropped 0  rate 0.0/s  p99 0.00ms',
    );
  });
});
