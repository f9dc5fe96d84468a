import { describe, expect, it } from 'vitest';
import { parseDuration, parseMix, parseRate, parseThreshold } from '../../src/load/parse-load-values.js';

describe('parseRate', () => {
  it('reads per-second, per-minute, per-hour and bare rates', () => {
    expect(parseRate('500/s')).toBe(500);
    expect(parseRate('500')).toBe(500);
    expect(parseRate('30000/m')).toBe(500);
    expect(parseRate('3600/h')).toBe(1);
    expect(parseRate('0.5/s')).toBe(0.5);
    expect(parseRate('max')).toBe(Infinity);
  });

  it('refuses what is not a rate, naming the fix', () => {
    expect(() => parseRate('fast')).toThrow(
      'Failed to read --rate "fast": it is not a rate. Write it as 500/s, 30000/m, 500 (per second) or max.',
    );
    expect(() => parseRate('500/d')).toThrow(
      'Failed to read --rate "500/d": it is not a rate. Write it as 500/s, 30000/m, 500 (per second) or max.',
    );
    expect(() => parseRate('0/s')).toThrow('Failed to read --rate "0/s": the rate must be above zero. Write it as 500/s, 30000/m or max.');
  });
});

describe('parseDuration', () => {
  it('reads units and compounds into milliseconds', () => {
    expect(parseDuration('500ms', '--timeout')).toBe(500);
    expect(parseDuration('30s', '--duration')).toBe(30_000);
    expect(parseDuration('5m', '--duration')).toBe(300_000);
    expect(parseDuration('1m30s', '--duration')).toBe(90_000);
    expect(parseDuration('1h', '--duration')).toBe(3_600_000);
    expect(parseDuration('0s', '--grace', true)).toBe(0);
  });

  it('reads a bare number as milliseconds, as every duration option does', () => {
    expect(parseDuration('10', '--timeout')).toBe(10);
    expect(parseDuration('2.5', '--timeout')).toBe(2.5);
  });

  it("refuses values past Node's timer limit (2^31-1 ms), which would silently become 1 ms", () => {
    expect(parseDuration('2147483647', '--timeout')).toBe(2_147_483_647);
    expect(() => parseDuration('3e9', '--retry-delay')).toThrow(
      'Failed to read --retry-delay "3e9": it is longer than 2147483647 ms (about 24.8 days), the longest wait Node\'s timers allow. Pass a shorter duration, e.g. --retry-delay 500ms.',
    );
    expect(() => parseDuration('25d', '--duration')).toThrow('Failed to read --duration "25d": it is not a duration.');
    expect(() => parseDuration('600h', '--duration')).toThrow('Failed to read --duration "600h": it is longer than 2147483647 ms');
  });

  it('refuses junk, naming the fix', () => {
    expect(() => parseDuration('ten seconds', '--duration')).toThrow(
      'Failed to read --duration "ten seconds": it is not a duration. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --duration 500ms.',
    );
    expect(() => parseDuration('0s', '--duration')).toThrow(
      'Failed to read --duration "0s": it must be longer than zero. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --duration 500ms.',
    );
  });
});

describe('parseMix', () => {
  it('reads weighted and bare entries', () => {
    expect(parseMix(['SALE_NEW=80,SALE_CANCELED=20'])).toEqual([
      { trigger: 'SALE_NEW', weight: 80 },
      { trigger: 'SALE_CANCELED', weight: 20 },
    ]);
    expect(parseMix(['SALE_NEW', 'CONTACT_CREATED'])).toEqual([
      { trigger: 'SALE_NEW', weight: 1 },
      { trigger: 'CONTACT_CREATED', weight: 1 },
    ]);
  });

  it('refuses bad weights and repeats', () => {
    expect(() => parseMix(['SALE_NEW=lots'])).toThrow(
      'Failed to read --mix "SALE_NEW=lots": the weight of SALE_NEW is "lots", not a number above zero. Write it as SALE_NEW=80,SALE_CANCELED=20.',
    );
    expect(() => parseMix(['SALE_NEW=0'])).toThrow(
      'Failed to read --mix "SALE_NEW=0": the weight of SALE_NEW is "0", not a number above zero. Write it as SALE_NEW=80,SALE_CANCELED=20.',
    );
    expect(() => parseMix(['=5'])).toThrow('Failed to read --mix "=5": an entry has no trigger. Write it as SALE_NEW=80,SALE_CANCELED=20.');
    expect(() => parseMix(['SALE_NEW=1,SALE_NEW=2'])).toThrow(
      'Failed to read --mix "SALE_NEW=1,SALE_NEW=2": SALE_NEW is named twice. Name each trigger once.',
    );
  });
});

describe('parseThreshold', () => {
  it('reads latency, error, drop and rate thresholds into ms, fractions and req/s', () => {
    expect(parseThreshold('p99<500ms')).toEqual({ expression: 'p99<500ms', metric: 'p99', operator: '<', value: 500 });
    expect(parseThreshold('p99.9 <= 2s')).toEqual({ expression: 'p99.9<=2s', metric: 'p99.9', operator: '<=', value: 2000 });
    expect(parseThreshold('max<1500us')).toEqual({ expression: 'max<1500us', metric: 'max', operator: '<', value: 1.5 });
    expect(parseThreshold('errors<1%')).toEqual({ expression: 'errors<1%', metric: 'errors', operator: '<', value: 0.01 });
    expect(parseThreshold('dropped<=0.5%')).toEqual({ expression: 'dropped<=0.5%', metric: 'dropped', operator: '<=', value: 0.005 });
    expect(parseThreshold('rate>490/s')).toEqual({ expression: 'rate>490/s', metric: 'rate', operator: '>', value: 490 });
  });

  it('refuses malformed thresholds with the exact fix', () => {
    expect(() => parseThreshold('p98<1s')).toThrow(
      'Failed to read --threshold "p98<1s": unknown metric "p98". Use one of p50, p90, p95, p99, p99.9, max, mean, errors, dropped, rate.',
    );
    expect(() => parseThreshold('p99 under 1s')).toThrow(
      "Failed to read --threshold \"p99 under 1s\": it is not <metric><operator><value>. Write it as 'p99<500ms', 'errors<1%' or 'rate>490/s'.",
    );
    expect(parseThreshold('p99<500').value).toBe(500);
    expect(() => parseThreshold('p99<5d')).toThrow(
      'Failed to read --threshold "p99<5d": "5d" is not a duration. Write the limit with a unit, as in \'p99<500ms\'.',
    );
    expect(() => parseThreshold('errors<0.01')).toThrow(
      'Failed to read --threshold "errors<0.01": "0.01" is not a percentage. Write it as \'errors<1%\'.',
    );
    expect(() => parseThreshold('rate>fast')).toThrow(
      'Failed to read --threshold "rate>fast": "fast" is not a rate. Write it as \'rate>490/s\'.',
    );
  });
});
