import { OverrideError } from '../errors.js';

/** One `--set path=value` override, parsed. */
export interface SetOverride {
  readonly path: readonly string[];
  readonly value: unknown;
  readonly text: string;
}

/**
 * Parses `data.customer.email=a@b.co`: the value is JSON where it parses (numbers, null, true, objects,
 * quoted strings), a plain string otherwise.
 * @example parseSetOverride('data.order.id=5') // { path: ['data', 'order', 'id'], value: 5 }
 */
export function parseSetOverride(text: string): SetOverride {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new OverrideError(text, `Failed to parse --set "${text}": expected path=value. Write it like --set data.customer.email=a@b.co.`);
  }
  const pathText = text.slice(0, equals);
  const raw = text.slice(equals + 1);
  const path = pathText.split('.');
  if (path.some((segment) => segment.length === 0)) {
    throw new OverrideError(pathText, `Failed to parse --set "${text}": the path has an empty segment. Write dot-separated keys like data.order.id.`);
  }
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the value is the text itself.
  }
  return { path, value, text };
}

function normalizePath(path: readonly string[]): string {
  return path.map((segment) => (/^\d+$/.test(segment) ? '[]' : segment)).join('.');
}

/** Throws when `path` is not one the template can produce, listing the valid paths near it. */
export function checkOverridePath(path: readonly string[], validPaths: ReadonlySet<string>, triggerId: string): void {
  const normalized = normalizePath(path);
  if (validPaths.has(normalized)) return;
  // Near = the children of the longest prefix that exists.
  let prefix = path.length - 1;
  while (prefix > 0 && !validPaths.has(normalizePath(path.slice(0, prefix)))) prefix--;
  const parent = prefix === 0 ? '' : normalizePath(path.slice(0, prefix)) + '.';
  const depth = prefix + 1;
  const near = [...validPaths].filter((p) => p.startsWith(parent) && p.split('.').length === depth).slice(0, 12);
  throw new OverrideError(
    path.join('.'),
    `Failed to apply override ${path.join('.')}: ${triggerId} has no such path. Valid paths near it: ${near.join(', ') || '(none)'}.`,
  );
}

/** Sets one value in a rendered payload, in place. */
export function applySetOverride(payload: unknown, override: SetOverride, triggerId: string, index: number): void {
  const { path, value } = override;
  let node = payload as Record<string, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!];
    if (next === null || typeof next !== 'object') {
      const at = path.slice(0, i + 1).join('.');
      throw new OverrideError(
        path.join('.'),
        `Failed to apply override ${path.join('.')}: ${at} is ${next === null ? 'null' : 'missing'} in ${triggerId} event ${index}. Set the whole value instead, e.g. --set '${at}={...}'.`,
      );
    }
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && !/^\d+$/.test(last)) {
    throw new OverrideError(path.join('.'), `Failed to apply override ${path.join('.')}: ${path.slice(0, -1).join('.')} is a list. Name an item by its index.`);
  }
  if (Array.isArray(node) && Number(last) >= node.length) {
    throw new OverrideError(
      path.join('.'),
      `Failed to apply override ${path.join('.')}: ${triggerId} event ${index} has ${node.length} item(s) there. Use an index below ${node.length}.`,
    );
  }
  node[last] = value;
}

function hasChildPaths(validPaths: ReadonlySet<string>, path: readonly string[]): boolean {
  const prefix = normalizePath(path) + '.';
  for (const valid of validPaths) if (valid.startsWith(prefix)) return true;
  return false;
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges a deep partial over a rendered payload, in place: objects merge key by key (keeping the
 * payload's key order), arrays and scalars are replaced whole. Unknown keys are errors.
 */
export function mergeOverrides(
  payload: Record<string, unknown>,
  partial: Record<string, unknown>,
  validPaths: ReadonlySet<string>,
  triggerId: string,
  prefix: readonly string[] = [],
): void {
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const path = [...prefix, key];
    checkOverridePath(path, validPaths, triggerId);
    const current = payload[key];
    // Objects the template lays out key by key merge; an object that comes whole from the world (a
    // contact's `fields` keyed by slug) is replaced whole, as its keys are data, not shape.
    if (isPlainObject(value) && isPlainObject(current) && hasChildPaths(validPaths, path)) {
      mergeOverrides(current, value, validPaths, triggerId, path);
    } else {
      payload[key] = value;
    }
  }
}
