import { ATOM_DATE_PATTERN } from '../encode/atom-date.js';

/**
 * A small schema language for the documented payloads: key sets in order, JSON types, and the
 * documented alternatives (`oneOf`, enums). The inbox validates received bodies with it, and the tests
 * check both the documented examples and every generated payload against it.
 */
export type Schema =
  | { readonly kind: 'int' | 'float' | 'bool' | 'null' | 'atom' | 'any' }
  | { readonly kind: 'string'; readonly values?: readonly string[]; readonly pattern?: RegExp }
  | { readonly kind: 'object'; readonly keys: readonly (readonly [string, Schema])[] }
  | { readonly kind: 'map'; readonly value: Schema }
  | { readonly kind: 'array'; readonly item: Schema }
  | { readonly kind: 'emptyArray' }
  | { readonly kind: 'oneOf'; readonly options: readonly (readonly [label: string, schema: Schema])[] };

export const int: Schema = { kind: 'int' };
export const float: Schema = { kind: 'float' };
export const bool: Schema = { kind: 'bool' };
export const nul: Schema = { kind: 'null' };
export const atom: Schema = { kind: 'atom' };
export const str: Schema = { kind: 'string' };
export const anyValue: Schema = { kind: 'any' };

export const obj = (keys: Record<string, Schema>): Schema => ({ kind: 'object', keys: Object.entries(keys) });
export const map = (value: Schema): Schema => ({ kind: 'map', value });
export const arr = (item: Schema): Schema => ({ kind: 'array', item });
export const emptyArray: Schema = { kind: 'emptyArray' };
export const oneOf = (options: Record<string, Schema>): Schema => ({ kind: 'oneOf', options: Object.entries(options) });
export const nullable = (schema: Schema, label = 'value'): Schema => oneOf({ null: nul, [label]: schema });
/** A string from a documented set; each value counts as an alternative. */
export const enumOf = (...values: string[]): Schema => ({ kind: 'string', values });
export const matching = (pattern: RegExp): Schema => ({ kind: 'string', pattern });

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return typeof value;
}

/** How strictly {@link checkSchema} reads a value, and where it reports what is worth knowing. */
export interface CheckSchemaOptions {
  /**
   * Reject an object whose keys are the documented ones in another order. Default false: systeme.io
   * does not keep key order (a 2026 capture lists a contact's keys in another order than the 2021
   * documentation), so a re-ordered object is accepted and noted.
   */
  readonly strictOrder?: boolean | undefined;
  /** Receives one note per object whose keys come in another order than documented (when not strict). */
  readonly notes?: string[] | undefined;
  /** How many problems are reported one by one (default PROBLEM_LIMIT); the rest are counted. */
  readonly limit?: number | undefined;
}

/**
 * How many problems a check reports one by one. A body of a million bad items would otherwise make a
 * million messages: the inbox checks untrusted bodies, so the list stays bounded.
 */
export const PROBLEM_LIMIT = 20;

/**
 * A check stops looking after this many problems: the work on a body of a million bad items is then
 * that of a thousand, and the count of the rest says "at least".
 */
export const PROBLEM_STOP = 1000;

const MORE_PROBLEMS = /^and (at least )?(\d+) more problems?/;

function moreProblems(count: number, atLeast: boolean): string {
  return `and ${atLeast ? 'at least ' : ''}${count} more problem${count === 1 ? '' : 's'}${atLeast ? ' (the check stopped there)' : ''}`;
}

/** The number of problems a (possibly capped) list stands for: its entries plus the N of "and N more problems". */
export function countProblems(problems: readonly string[]): number {
  const more = problems.length === 0 ? null : MORE_PROBLEMS.exec(problems[problems.length - 1]!);
  return more === null ? problems.length : problems.length - 1 + Number(more[2]);
}

/** At most `limit` problems, then one "and N more problems" line for the rest; a capped list stays as it is. */
export function capProblems(problems: readonly string[], limit = PROBLEM_LIMIT): string[] {
  const last = problems.length === 0 ? null : MORE_PROBLEMS.exec(problems[problems.length - 1]!);
  const total = countProblems(problems);
  const listed = last === null ? problems : problems.slice(0, -1);
  const kept = listed.slice(0, limit);
  return total > kept.length ? [...kept, moreProblems(total - kept.length, last?.[1] !== undefined)] : kept;
}

/** Collects the first `limit` problems, counts the rest, and stops the check at `stopAt`: bounded memory and work. */
class ProblemList {
  readonly items: string[] = [];
  total = 0;
  /** Set once `stopAt` problems were found: every further step of the walk returns at once. */
  stopped = false;
  private readonly limit: number;
  private readonly stopAt: number;

  constructor(limit: number, stopAt: number) {
    this.limit = limit;
    this.stopAt = stopAt;
  }

  push(problem: string): void {
    if (this.total++ < this.limit) this.items.push(problem);
    if (this.total >= this.stopAt) this.stopped = true;
  }
}

interface WalkContext {
  readonly strictOrder: boolean;
  seen: Set<string> | undefined;
  notes: string[];
}

/**
 * Checks a value against a schema. Returns the problems (empty when it matches; past `options.limit`, the
 * first ones and one "and N more problems" line; the check stops after PROBLEM_STOP) and adds to `seen`
 * the alternative taken at every `oneOf` and enum, as `path=label`. Key order is information, not a
 * contract: a re-ordered object is a note (in `options.notes`), unless `options.strictOrder` is set.
 * PHP writes an empty associative array as `[]`, so a `map` accepts `[]`.
 */
export function checkSchema(schema: Schema, value: unknown, path = '$', seen?: Set<string>, options: CheckSchemaOptions = {}): string[] {
  const limit = options.limit ?? PROBLEM_LIMIT;
  const problems = new ProblemList(limit, Math.max(limit, PROBLEM_STOP));
  const notes: string[] = [];
  walk(schema, value, path, problems, { strictOrder: options.strictOrder ?? false, seen, notes });
  options.notes?.push(...notes);
  const rest = problems.total - problems.items.length;
  return rest > 0 ? [...problems.items, moreProblems(rest, problems.stopped)] : problems.items;
}

function walk(schema: Schema, value: unknown, path: string, problems: ProblemList, context: WalkContext): void {
  if (problems.stopped) return;
  const { seen } = context;
  const expect = (expected: string): void => {
    problems.push(`${path}: expected ${expected}, got ${typeName(value)}`);
  };
  switch (schema.kind) {
    case 'any':
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) expect('integer');
      return;
    case 'float':
      if (typeof value !== 'number') expect('float');
      return;
    case 'bool':
      if (typeof value !== 'boolean') expect('boolean');
      return;
    case 'null':
      if (value !== null) expect('null');
      return;
    case 'atom':
      if (typeof value !== 'string' || !ATOM_DATE_PATTERN.test(value))
        problems.push(`${path}: expected an ATOM date like 2021-10-05T08:10:29+00:00, got ${JSON.stringify(value)}`);
      return;
    case 'string':
      if (typeof value !== 'string') return expect('string');
      if (schema.values !== undefined) {
        if (!schema.values.includes(value))
          problems.push(`${path}: expected one of ${schema.values.join(', ')}, got ${JSON.stringify(value)}`);
        else seen?.add(`${path}=${value}`);
      }
      if (schema.pattern !== undefined && !schema.pattern.test(value))
        problems.push(`${path}: ${JSON.stringify(value)} does not match ${String(schema.pattern)}`);
      return;
    case 'emptyArray':
      if (!Array.isArray(value) || value.length !== 0) expect('empty array');
      return;
    case 'array':
      if (!Array.isArray(value)) return expect('array');
      // One path for every item (`$.list[]`): built once, not per item of a possibly huge list.
      for (const item of value as unknown[]) {
        if (problems.stopped) return;
        walk(schema.item, item, `${path}[]`, problems, context);
      }
      return;
    case 'map':
      // PHP's json_encode writes an empty associative array as [] (a contact without fields).
      if (Array.isArray(value) && value.length === 0) return;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return expect('object');
      for (const [key, child] of Object.entries(value)) {
        if (problems.stopped) return;
        walk(schema.value, child, `${path}.${key}`, problems, context);
      }
      return;
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return expect('object');
      const actual = Object.keys(value);
      const expected = schema.keys.map(([key]) => key);
      if (actual.join(',') !== expected.join(',')) {
        const missing = expected.filter((key) => !Object.hasOwn(value, key));
        const unexpected = actual.filter((key) => !schema.keys.some(([known]) => known === key));
        if (context.strictOrder || missing.length > 0 || unexpected.length > 0) {
          const detail = [
            missing.length > 0 ? `missing ${missing.join(', ')}` : null,
            unexpected.length > 0 ? `unexpected ${unexpected.join(', ')}` : null,
          ]
            .filter((part) => part !== null)
            .join('; ');
          const order = context.strictOrder ? ' in this order' : '';
          problems.push(
            `${path}: expected keys [${expected.join(', ')}]${order}, got [${actual.join(', ')}]${detail === '' ? '' : ` (${detail})`}`,
          );
          return;
        }
        context.notes.push(`${path}: keys in another order than documented: [${actual.join(', ')}], documented [${expected.join(', ')}]`);
      }
      for (const [key, child] of schema.keys) {
        if (problems.stopped) return;
        walk(child, (value as Record<string, unknown>)[key], `${path}.${key}`, problems, context);
      }
      return;
    }
    case 'oneOf': {
      const failures: string[] = [];
      for (const [label, option] of schema.options) {
        // Only the first problem of an alternative is reported: its walk stops there. An alternative's
        // notes and coverage count only if the alternative is the one that matches.
        const optionProblems = new ProblemList(1, 1);
        const optionContext: WalkContext = {
          strictOrder: context.strictOrder,
          seen: seen === undefined ? undefined : new Set<string>(),
          notes: [],
        };
        walk(option, value, path, optionProblems, optionContext);
        if (optionProblems.total === 0) {
          seen?.add(`${path}=${label}`);
          for (const item of optionContext.seen ?? []) seen?.add(item);
          context.notes.push(...optionContext.notes);
          return;
        }
        failures.push(`${label}: ${optionProblems.items[0]!}`);
      }
      problems.push(`${path}: matches none of the documented alternatives (${failures.join('; ')})`);
      return;
    }
  }
}

/** Every alternative label a schema declares, as `path=label`, for coverage checks. */
export function listAlternatives(schema: Schema, path = '$'): string[] {
  switch (schema.kind) {
    case 'string':
      return (schema.values ?? []).map((value) => `${path}=${value}`);
    case 'array':
      return listAlternatives(schema.item, `${path}[]`);
    case 'map':
      return [];
    case 'object':
      return schema.keys.flatMap(([key, child]) => listAlternatives(child, `${path}.${key}`));
    case 'oneOf':
      return schema.options.flatMap(([label, option]) => [`${path}=${label}`, ...listAlternatives(option, path)]);
    default:
      return [];
  }
}
