import { UsageError } from '../errors.js';

/**
 * The longest delay Node's timers accept: 2^31-1 ms (about 24.8 days). A longer one is silently
 * replaced by 1 ms, so a `--timeout 3000000000` would time out every request at once.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const UNITS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export interface ParseDurationOptions {
  /** Accept 0 (a delay may be zero; a timeout may not). Default false. */
  allowZero?: boolean | undefined;
  /** Shown in the fix, e.g. `30s`. Default `500ms`. */
  example?: string | undefined;
}

/**
 * Reads a duration into milliseconds, the same way for every option: `500ms`, `30s`, `5m`, `1h`,
 * `1m30s`, or a bare number of milliseconds (`1500`, `3e9`). Numbers given by the library are
 * milliseconds too. Refuses negative, non-finite and past-Node's-timer-limit values.
 * @example parseDuration('1m30s', '--timeout') // 90000
 * @example parseDuration('250', '--retry-delay') // 250
 */
export function parseDuration(value: string | number, option: string, options: ParseDurationOptions = {}): number {
  const example = options.example ?? '500ms';
  const shown = typeof value === 'number' ? String(value) : `"${value}"`;
  const fail = (
    reason: string,
    fix = `Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. ${option} ${example}.`,
  ): never => {
    throw new UsageError(`Failed to read ${option} ${shown}: ${reason}. ${fix}`, 'BAD_DURATION');
  };
  let ms: number;
  if (typeof value === 'number') {
    ms = value;
  } else {
    const text = value.trim();
    if (/^\d+(\.\d+)?(e\+?\d+)?$/i.test(text)) {
      ms = Number(text);
    } else {
      const part = /(\d+(?:\.\d+)?)(us|ms|s|m|h)/gy;
      let consumed = 0;
      let match: RegExpExecArray | null;
      ms = 0;
      while ((match = part.exec(text)) !== null) {
        ms += Number(match[1]) * UNITS[match[2]!]!;
        consumed = part.lastIndex;
      }
      if (text.length === 0 || consumed !== text.length) return fail('it is not a duration');
    }
  }
  if (!Number.isFinite(ms) || ms < 0) return fail('it is not a duration of zero or more');
  if (ms === 0 && options.allowZero !== true) return fail('it must be longer than zero');
  if (ms > MAX_DURATION_MS) {
    return fail(
      `it is longer than ${MAX_DURATION_MS} ms (about 24.8 days), the longest wait Node's timers allow`,
      `Pass a shorter duration, e.g. ${option} ${example}.`,
    );
  }
  return ms;
}
