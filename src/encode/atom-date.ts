/**
 * Dates as systeme.io writes them: PHP's DATE_ATOM, second precision, explicit `+00:00` offset
 * (`2021-10-05T08:10:29+00:00`), never `Z` or milliseconds.
 */
export function formatAtomDate(date: Date | number): string {
  const iso = new Date(date).toISOString(); // 2021-10-05T08:10:29.123Z
  return iso.slice(0, 19) + '+00:00';
}

const ATOM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

/** True when a string is an ATOM date as systeme.io writes them. */
export function isAtomDate(value: string): boolean {
  return ATOM.test(value) && !Number.isNaN(Date.parse(value));
}
