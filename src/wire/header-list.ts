import type { HeaderList } from './headers.js';

/** The value of a header in an ordered list, matched case-insensitively, or undefined. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** A copy of the list with the header's value replaced in place, or inserted after `after` (else at the end). */
export function setHeader(headers: HeaderList, name: string, value: string, after?: string): HeaderList {
  const wanted = name.toLowerCase();
  if (headers.some(([key]) => key.toLowerCase() === wanted)) {
    return headers.map(([key, old]) => [key, key.toLowerCase() === wanted ? value : old]);
  }
  const copy: HeaderList = headers.map(([key, old]) => [key, old]);
  const anchor = after === undefined ? -1 : copy.findIndex(([key]) => key.toLowerCase() === after.toLowerCase());
  copy.splice(anchor === -1 ? copy.length : anchor + 1, 0, [name, value]);
  return copy;
}

/** A copy of the list without the header. */
export function removeHeader(headers: HeaderList, name: string): HeaderList {
  const wanted = name.toLowerCase();
  return headers.filter(([key]) => key.toLowerCase() !== wanted).map(([key, value]) => [key, value]);
}
