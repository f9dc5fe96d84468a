/**
 * Dates as systeme.io writes them: PHP's DATE_ATOM, second precision, explicit `+00:00` offset
 * (`2021-10-05T08:10:29+00:00`), never `Z` or milliseconds.
 */
const DAY_MS = 86_400_000;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

// The last few seconds formatted, by second modulo 4: an event's dates and a load run's headers mostly
// fall in seconds formatted just before.
const cachedSeconds = [NaN, NaN, NaN, NaN];
const cachedTexts = ['', '', '', ''];

/**
 * A date as systeme.io writes it (PHP's DATE_ATOM, UTC, whole seconds).
 * @example formatAtomDate(Date.UTC(2026, 0, 2, 3, 4, 5)) // '2026-01-02T03:04:05+00:00'
 */
// Formatted in UTC with plain arithmetic (civil-from-days), no Date object: it runs several times per event.
export function formatAtomDate(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Failed to format ${String(date)} as an ATOM date: not a valid time.`);
  const second = Math.floor(ms / 1000);
  const slot = second & 3;
  if (cachedSeconds[slot] !== second) {
    cachedTexts[slot] = formatSecond(ms);
    cachedSeconds[slot] = second;
  }
  return cachedTexts[slot]!;
}

function formatSecond(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const secondsOfDay = Math.floor((ms - days * DAY_MS) / 1000);
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor((secondsOfDay % 3600) / 60);
  const seconds = secondsOfDay % 60;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}+00:00`;
}

/** DATE_ATOM's shape: second precision and an explicit offset. */
export const ATOM_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** True when a string is an ATOM date as systeme.io writes them. */
export function isAtomDate(value: string): boolean {
  return ATOM_DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}
