import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, parseDuration } from '../../src/wire/parse-duration.js';
import { parseWholeNumber } from '../../src/wire/parse-whole-number.js';

describe('parseDuration: one grammar for every duration option', () => {
  it('reads units, compounds and bare milliseconds', () => {
    expect(parseDuration('500ms', '--timeout')).toBe(500);
    expect(parseDuration('5s', '--timeout')).toBe(5000);
    expect(parseDuration('2m', '--timeout')).toBe(120_000);
    expect(parseDuration('1m30s', '--timeout')).toBe(90_000);
    expect(parseDuration('250us', '--timeout')).toBe(0.25);
    expect(parseDuration('1500', '--timeout')).toBe(1500);
    expect(parseDuration(' 1e3 ', '--timeout')).toBe(1000);
    expect(parseDuration(1500, '--timeout')).toBe(1500);
    expect(parseDuration('0', '--retry-delay', { allowZero: true })).toBe(0);
  });

  it("accepts Node's timer limit and refuses one millisecond more, from a flag or a number", () => {
    expect(MAX_DURATION_MS).toBe(2_147_483_647);
    expect(parseDuration('2147483647', '--timeout')).toBe(MAX_DURATION_MS);
    expect(() => parseDuration('2147483648', '--timeout')).toThrow(
      'Failed to read --timeout "2147483648": it is longer than 2147483647 ms (about 24.8 days), the longest wait Node\'s timers allow. Pass a shorter duration, e.g. --timeout 500ms.',
    );
    expect(() => parseDuration(3e9, '--retry-delay', { example: '1s' })).toThrow(
      "Failed to read --retry-delay 3000000000: it is longer than 2147483647 ms (about 24.8 days), the longest wait Node's timers allow. Pass a shorter duration, e.g. --retry-delay 1s.",
    );
    expect(() => parseDuration('597h', '--duration')).toThrow('it is longer than 2147483647 ms');
  });

  it('refuses zero unless allowed, negatives, NaN and junk, with the code BAD_DURATION', () => {
    const fix = 'Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --timeout 500ms.';
    expect(() => parseDuration('0s', '--timeout')).toThrow(`Failed to read --timeout "0s": it must be longer than zero. ${fix}`);
    expect(() => parseDuration('-5', '--timeout')).toThrow(`Failed to read --timeout "-5": it is not a duration. ${fix}`);
    expect(() => parseDuration(Number.NaN, '--timeout')).toThrow(
      `Failed to read --timeout NaN: it is not a duration of zero or more. ${fix}`,
    );
    expect(() => parseDuration('5 s', '--timeout')).toThrow(`Failed to read --timeout "5 s": it is not a duration. ${fix}`);
    expect(() => parseDuration('', '--timeout')).toThrow(`Failed to read --timeout "": it is not a duration. ${fix}`);
    expect(() => parseDuration('soon', '--timeout')).toThrow(expect.objectContaining({ code: 'BAD_DURATION', name: 'UsageError' }));
  });
});

describe('parseWholeNumber: one reading of --count, --retries, --index, --workers', () => {
  it('reads digits and whole exponent forms', () => {
    expect(parseWholeNumber('50', '--count')).toBe(50);
    expect(parseWholeNumber('1e3', '--count')).toBe(1000);
    expect(parseWholeNumber('0', '--retries', { min: 0 })).toBe(0);
    expect(parseWholeNumber(7, '--count')).toBe(7);
  });

  it('refuses fractions, signs, hex, junk and values past the bound, naming it', () => {
    for (const bad of ['1.5', '-1', '0x10', 'ten', '', '1e-3']) {
      expect(() => parseWholeNumber(bad, '--count')).toThrow(
        `Failed to read --count "${bad}": expected a whole number from 1. Pass e.g. --count 3.`,
      );
    }
    expect(() => parseWholeNumber('0', '--count')).toThrow(
      'Failed to read --count "0": expected a whole number from 1. Pass e.g. --count 3.',
    );
    expect(() => parseWholeNumber('1e300', '--count')).toThrow(
      'Failed to read --count "1e300": expected a whole number from 1. Pass e.g. --count 3.',
    );
    expect(() => parseWholeNumber('70000', '--port', { min: 0, max: 65535, example: 4000 })).toThrow(
      'Failed to read --port "70000": it is above 65535. Pass e.g. --port 4000.',
    );
    expect(() => parseWholeNumber(2.5, '--workers')).toThrow(
      'Failed to read --workers 2.5: expected a whole number from 1. Pass e.g. --workers 3.',
    );
  });
});
