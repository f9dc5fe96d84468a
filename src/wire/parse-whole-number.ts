import { UsageError } from '../errors.js';

export interface ParseWholeNumberOptions {
  /** The smallest value accepted. Default 1. */
  min?: number | undefined;
  /** The largest value accepted. Default Number.MAX_SAFE_INTEGER. */
  max?: number | undefined;
  /** Shown in the fix. Default max(min, 3). */
  example?: string | number | undefined;
  /** Why `max` is the limit, said after it when a value goes past it. */
  maxReason?: string | undefined;
}

/**
 * Reads a whole number option (`--count`, `--retries`, `--index`, `--workers`...) the same way
 * everywhere: digits or a whole exponent form (`1e3`) from the command line (no `0x10`, `3.5` or `-1`), a safe integer
 * from the library, within [min, max].
 * @example parseWholeNumber('50', '--count') // 50
 */
export function parseWholeNumber(value: string | number, option: string, options: ParseWholeNumberOptions = {}): number {
  const min = options.min ?? 1;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const example = options.example ?? Math.max(min, 3);
  const text = typeof value === 'number' ? '' : value.trim();
  const n = typeof value === 'number' ? value : /^\d+$/.test(text) || /^\d+(\.\d+)?e\+?\d+$/i.test(text) ? Number(text) : NaN;
  const shown = typeof value === 'number' ? String(value) : `"${value}"`;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      `Failed to read ${option} ${shown}: expected a whole number from ${min}. Pass e.g. ${option} ${example}.`,
      'BAD_NUMBER',
    );
  }
  if (n > max) {
    const why = options.maxReason === undefined ? '' : ` (${options.maxReason})`;
    throw new UsageError(`Failed to read ${option} ${shown}: it is above ${max}${why}. Pass e.g. ${option} ${example}.`, 'BAD_NUMBER');
  }
  return n;
}
