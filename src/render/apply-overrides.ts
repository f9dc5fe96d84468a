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
    throw new OverrideError(
      pathText,
      `Failed to parse --set "${text}": the path has an empty segment. Write dot-separated keys like data.order.id.`,
    );
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
    const next = Object.hasOwn(node, path[i]!) ? node[path[i]!] : undefined;
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
    throw new OverrideError(
      path.join('.'),
      `Failed to apply override ${path.join('.')}: ${path.slice(0, -1).join('.')} is a list. Name an item by its index.`,
    );
  }
  if (Array.isArray(node) && Number(last) >= node.length) {
    throw new OverrideError(
      path.join('.'),
      `Failed to apply override ${path.join('.')}: ${triggerId} event ${index} has ${node.length} item(s) there. Use an index below ${node.length}.`,
    );
  }
  setOwn(node, last, value);
}

/** How deep an override value may nest: far beyond any payload, short of the stack's end. */
const MAX_OVERRIDE_DEPTH = 64;

/**
 * Throws an OverrideError unless `value` is plain JSON data the encoder writes as given: strings,
 * finite numbers, booleans, null, arrays and plain objects, without cycles. A bigint, a function, a
 * Date or a cycle would otherwise fail deep in the encoder, or vanish from the bytes unnoticed.
 */
export function checkOverrideValue(value: unknown, path: readonly string[], ancestors: object[] = []): void {
  const name = path.join('.');
  const refuse = (reason: string, fix: string): never => {
    throw new OverrideError(name, `Failed to apply override ${name}: ${reason}. ${fix}`);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) refuse(`${String(value)} is not a JSON number`, 'Pass a finite number.');
      return;
    case 'bigint':
      return refuse(`the bigint ${String(value)}n is not a JSON value`, 'Pass a number (ids and cents fit one) or a string.');
    case 'function':
    case 'symbol':
      return refuse(`a ${typeof value} is not a JSON value`, 'Pass the value itself: a string, number, boolean, null, array or object.');
    case 'undefined':
      // Inside an object, undefined means "leave as is" and the key is skipped; a list has no such hole.
      return refuse('undefined is not a JSON value in a list', 'Pass null, or leave the item out.');
    default:
      break;
  }
  if (value === null) return;
  const object = value as object;
  if (ancestors.includes(object)) return refuse('the value contains itself (a cycle)', 'Pass a tree of plain values.');
  if (ancestors.length >= MAX_OVERRIDE_DEPTH)
    return refuse(`the value nests deeper than ${MAX_OVERRIDE_DEPTH} levels`, 'Pass a flatter value.');
  const prototype: unknown = Object.getPrototypeOf(object);
  if (!Array.isArray(object) && prototype !== Object.prototype && prototype !== null) {
    const kind = (object as { constructor?: { name?: unknown } }).constructor?.name;
    return refuse(
      `a ${typeof kind === 'string' ? kind : 'class instance'} is not a plain JSON value`,
      'Pass a string, number, boolean, null, array or plain object (a date as its ATOM string).',
    );
  }
  ancestors.push(object);
  if (Array.isArray(object)) {
    for (const [i, item] of object.entries()) checkOverrideValue(item, [...path, String(i)], ancestors);
  } else {
    for (const [key, item] of Object.entries(object)) if (item !== undefined) checkOverrideValue(item, [...path, key], ancestors);
  }
  ancestors.pop();
}

/**
 * Sets an own property. `node[key] = value` with key "__proto__" would replace the prototype when the
 * object has no own key of that name; a template may hold one as data, as JSON and PHP allow.
 */
function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
  else node[key] = value;
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
    const current = Object.hasOwn(payload, key) ? payload[key] : undefined;
    // Objects the template lays out key by key merge; an object that comes whole from the world (a
    // contact's `fields` keyed by slug) is replaced whole, as its keys are data, not shape.
    if (isPlainObject(value) && isPlainObject(current) && hasChildPaths(validPaths, path)) {
      mergeOverrides(current, value, validPaths, triggerId, path);
    } else {
      setOwn(payload, key, value);
    }
  }
}
