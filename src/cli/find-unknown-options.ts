import { suggestTriggers } from '../catalog/catalog.js';

/** An option on the command line that the command does not know, and the closest known ones. */
export interface UnknownOption {
  /** As typed, with its dashes: `--retires`. */
  readonly flag: string;
  /** Close known options, with dashes: `--retries`. */
  readonly suggestions: readonly string[];
}

const camelToKebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The options in `argv` that are not in `known` (long names and aliases, without dashes), each with
 * the closest known long options. Values after `--` are not options.
 * @example findUnknownOptions(['send', '--retires', '0'], ['retries', 'to']) // [{ flag: '--retires', suggestions: ['--retries'] }]
 */
export function findUnknownOptions(argv: readonly string[], known: readonly string[]): UnknownOption[] {
  const names = new Set(known.flatMap((k) => [k, camelToKebab(k)]));
  const long = [...names].filter((k) => k.length > 1 && !/[A-Z]/.test(k));
  const unknown: UnknownOption[] = [];
  for (const arg of argv) {
    if (arg === '--') break;
    const match = /^(--?)([^=]+)/.exec(arg);
    if (match === null || /^-\d/.test(arg)) continue;
    const [, dashes, name = ''] = match;
    const bare = dashes === '--' && name.startsWith('no-') && names.has(name.slice(3)) ? name.slice(3) : name;
    // A short group (-abc) is known when every letter is.
    const isKnown = dashes === '-' && name.length > 1 ? [...name].every((c) => names.has(c)) : names.has(bare);
    if (isKnown || unknown.some((u) => u.flag === `${dashes}${name}`)) continue;
    // A one-letter typo is too short to guess from: any two-letter option would look close.
    const suggestions = dashes === '--' && name.length >= 3 ? suggestTriggers(name, long).map((s) => `--${s}`) : [];
    unknown.push({ flag: `${dashes}${name}`, suggestions });
  }
  return unknown;
}
