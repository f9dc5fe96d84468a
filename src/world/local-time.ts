/**
 * Local wall-clock time in an IANA time zone, through the platform's Intl data (no hand-written DST
 * rules). Offsets are cached per zone and hour, so the formatter runs once per hour of simulated time.
 */
const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (Paris in summer: 7,200,000). */
export function computeUtcOffsetMs(timeZone: string, ms: number): number {
  const hourStart = Math.floor(ms / HOUR) * HOUR;
  let zone = offsets.get(timeZone);
  if (zone === undefined) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(hourStart);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone).formatToParts(hourStart)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    offset = Date.UTC(parts['year']!, parts['month']! - 1, parts['day'], parts['hour'], parts['minute'], parts['second']) - hourStart;
    if (zone.size > 100_000) zone.clear();
    zone.set(hourStart, offset);
  }
  return offset;
}
