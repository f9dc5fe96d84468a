import { ATOM_DATE_PATTERN } from '../encode/atom-date.js';
import type { Schema } from './schema.js';

/**
 * What a drift report can say about one place of a payload. `added`, `missing`, `renamed`, `type` and
 * `value` are drift (the payload departs from the documented shape); `order` and `alternative` are
 * information (key order is not a contract; a documented alternative seen for the first time).
 */
export type ShapeDifferenceKind = 'added' | 'missing' | 'renamed' | 'type' | 'value' | 'order' | 'alternative';

export interface ShapeDifference {
  readonly kind: ShapeDifferenceKind;
  /** True for drift, false for information. */
  readonly drift: boolean;
  /** JSONPath-like, arrays as `[]`: `$.data.contact.email`, `$.orderItem.resources[].tag`. */
  readonly path: string;
  /** One phrase, without the path: `key added (string)`. */
  readonly message: string;
  /** What the documentation says here (a type, a key list, a value set), when it applies. */
  readonly documented?: string;
  /** What the payload holds here, when it applies. */
  readonly captured?: string;
}

export interface ShapeComparison {
  readonly differences: readonly ShapeDifference[];
  /** True when no difference is drift. */
  readonly matches: boolean;
  /** The documented alternatives the payload takes, as `path=label` (the labels of `listAlternatives`). */
  readonly alternatives: readonly string[];
}

export interface CompareShapeOptions {
  /**
   * Alternatives (`path=label`) that published examples already show. A taken alternative outside this
   * set is reported as information: documented (or assumed) but never seen before. Without it, none is.
   */
  readonly observed?: ReadonlySet<string> | undefined;
}

const DRIFT: Readonly<Record<ShapeDifferenceKind, boolean>> = {
  added: true,
  missing: true,
  renamed: true,
  type: true,
  value: true,
  order: false,
  alternative: false,
};

/** The JSON type of a value in the words of the report: integer, float, string, object, ... */
export function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'empty array' : 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return typeof value;
}

/** A schema in the words of the report: `integer`, `string or null`, `ATOM date`, ... */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'int':
      return 'integer';
    case 'float':
      return 'float';
    case 'bool':
      return 'boolean';
    case 'null':
      return 'null';
    case 'atom':
      return 'ATOM date';
    case 'any':
      return 'any value';
    case 'string':
      return 'string';
    case 'object':
    case 'map':
      return 'object';
    case 'array':
      return 'array';
    case 'emptyArray':
      return 'empty array';
    case 'oneOf':
      return [...new Set(schema.options.map(([, option]) => describeSchema(option)))].join(' or ');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface Walk {
  differences: ShapeDifference[];
  alternatives: Set<string>;
}

function add(walk: Walk, kind: ShapeDifferenceKind, path: string, message: string, documented?: string, captured?: string): void {
  const difference: ShapeDifference = { kind, drift: DRIFT[kind], path, message };
  walk.differences.push(
    documented === undefined && captured === undefined
      ? difference
      : { ...difference, ...(documented === undefined ? {} : { documented }), ...(captured === undefined ? {} : { captured }) },
  );
}

function typeChanged(walk: Walk, path: string, schema: Schema, value: unknown): void {
  const documented = describeSchema(schema);
  const captured = describeValueType(value);
  add(walk, 'type', path, `type changed: documented ${documented}, captured ${captured}`, documented, captured);
}

function driftCount(walk: Walk): number {
  return walk.differences.filter((d) => d.drift).length;
}

/**
 * Compares a payload with a documented schema and says how it departs: keys added, missing or
 * renamed, type changes, values outside a documented set, and, as information, key order and the
 * documented alternatives taken for the first time. Unlike a validator it does not stop at the first
 * problem of an object: every key is compared.
 * @example compareShape(DOCUMENTED_SCHEMAS['contact.course.enrolled'], JSON.parse(body)).matches // true
 */
export function compareShape(schema: Schema, value: unknown, options: CompareShapeOptions = {}): ShapeComparison {
  const walk: Walk = { differences: [], alternatives: new Set() };
  visit(schema, value, '$', walk);
  if (options.observed !== undefined) {
    for (const alternative of walk.alternatives) {
      if (options.observed.has(alternative)) continue;
      const at = alternative.indexOf('=');
      const path = alternative.slice(0, at);
      const label = alternative.slice(at + 1);
      add(walk, 'alternative', path, `documented alternative "${label}" seen for the first time (no published example shows it)`, label);
    }
  }
  // Arrays repeat a path once per item: one line per place is what a reader wants.
  const unique = new Map<string, ShapeDifference>();
  for (const difference of walk.differences) unique.set(`${difference.kind}|${difference.path}|${difference.message}`, difference);
  const differences = [...unique.values()];
  return { differences, matches: differences.every((d) => !d.drift), alternatives: [...walk.alternatives].sort() };
}

function visit(schema: Schema, value: unknown, path: string, walk: Walk): void {
  switch (schema.kind) {
    case 'any':
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) typeChanged(walk, path, schema, value);
      return;
    case 'float':
      if (typeof value !== 'number') typeChanged(walk, path, schema, value);
      return;
    case 'bool':
      if (typeof value !== 'boolean') typeChanged(walk, path, schema, value);
      return;
    case 'null':
      if (value !== null) typeChanged(walk, path, schema, value);
      return;
    case 'atom':
      if (typeof value !== 'string') typeChanged(walk, path, schema, value);
      else if (!ATOM_DATE_PATTERN.test(value)) {
        add(
          walk,
          'value',
          path,
          `value ${JSON.stringify(value)} is not an ATOM date like 2021-10-05T08:10:29+00:00`,
          'ATOM date',
          JSON.stringify(value),
        );
      }
      return;
    case 'string':
      if (typeof value !== 'string') return typeChanged(walk, path, schema, value);
      if (schema.values !== undefined) {
        if (schema.values.includes(value)) walk.alternatives.add(`${path}=${value}`);
        else
          add(
            walk,
            'value',
            path,
            `value ${JSON.stringify(value)} is not documented (documented: ${schema.values.join(', ')})`,
            schema.values.join(', '),
            JSON.stringify(value),
          );
      }
      if (schema.pattern !== undefined && !schema.pattern.test(value)) {
        add(
          walk,
          'value',
          path,
          `value ${JSON.stringify(value)} does not match the documented format ${String(schema.pattern)}`,
          String(schema.pattern),
          JSON.stringify(value),
        );
      }
      return;
    case 'emptyArray':
      if (!Array.isArray(value) || value.length > 0) typeChanged(walk, path, schema, value);
      return;
    case 'array':
      if (!Array.isArray(value)) return typeChanged(walk, path, schema, value);
      for (const item of value) visit(schema.item, item, `${path}[]`, walk);
      return;
    case 'map':
      // PHP's json_encode writes an empty map as [].
      if (Array.isArray(value) && value.length === 0) return;
      if (!isRecord(value)) return typeChanged(walk, path, schema, value);
      for (const [key, child] of Object.entries(value)) visit(schema.value, child, `${path}.${key}`, walk);
      return;
    case 'object':
      if (!isRecord(value)) return typeChanged(walk, path, schema, value);
      return visitObject(schema.keys, value, path, walk);
    case 'oneOf':
      return visitOneOf(schema, value, path, walk);
  }
}

function visitObject(keys: readonly (readonly [string, Schema])[], value: Record<string, unknown>, path: string, walk: Walk): void {
  const documented = keys.map(([key]) => key);
  const captured = Object.keys(value);
  const missing = keys.filter(([key]) => !(key in value));
  const added = captured.filter((key) => !documented.includes(key));
  // One key gone and one come whose value fits the gone key's schema: most likely a rename.
  if (missing.length === 1 && added.length === 1) {
    const [from, schema] = missing[0]!;
    const to = added[0]!;
    const trial: Walk = { differences: [], alternatives: new Set() };
    visit(schema, value[to], `${path}.${to}`, trial);
    if (driftCount(trial) === 0) {
      add(
        walk,
        'renamed',
        `${path}.${from}`,
        `key renamed to "${to}"? ("${from}" is missing; "${to}" is new and fits its type: ${describeValueType(value[to])})`,
        from,
        to,
      );
      for (const alternative of trial.alternatives) walk.alternatives.add(alternative);
      walk.differences.push(...trial.differences);
      missing.length = 0;
      added.length = 0;
    }
  }
  for (const [key, schema] of missing) {
    const type = describeSchema(schema);
    add(walk, 'missing', `${path}.${key}`, `key missing (documented: ${type})`, type);
  }
  for (const key of added) {
    const type = describeValueType(value[key]);
    add(walk, 'added', `${path}.${key}`, `key added (${type})`, undefined, type);
  }
  const inDocumentedOrder = documented.filter((key) => key in value);
  const inCapturedOrder = captured.filter((key) => documented.includes(key));
  if (inDocumentedOrder.join(',') !== inCapturedOrder.join(',')) {
    const was = `[${documented.join(', ')}]`;
    const now = `[${captured.join(', ')}]`;
    add(walk, 'order', path, `key order differs (information: order is not a contract): documented ${was}, captured ${now}`, was, now);
  }
  for (const [key, schema] of keys) if (key in value) visit(schema, value[key], `${path}.${key}`, walk);
}

function visitOneOf(schema: Extract<Schema, { kind: 'oneOf' }>, value: unknown, path: string, walk: Walk): void {
  const trials = schema.options.map(([label, option]) => {
    const trial: Walk = { differences: [], alternatives: new Set() };
    visit(option, value, path, trial);
    return { label, trial, drift: driftCount(trial) };
  });
  const exact = trials.find((t) => t.drift === 0);
  if (exact !== undefined) {
    walk.alternatives.add(`${path}=${exact.label}`);
    for (const alternative of exact.trial.alternatives) walk.alternatives.add(alternative);
    walk.differences.push(...exact.trial.differences);
    return;
  }
  // No alternative's own type fits: one type change naming them all reads better than one per option.
  const typeFits = trials.filter((t) => !t.trial.differences.some((d) => d.kind === 'type' && d.path === path));
  if (typeFits.length === 0) return typeChanged(walk, path, schema, value);
  const closest = typeFits.reduce((best, t) => (t.drift < best.drift ? t : best));
  walk.differences.push(...closest.trial.differences);
}
