import type { FloatShape } from '../encode/encode-php-json.js';
import { TemplateError } from '../errors.js';

/**
 * Templates are JSON holding the documented shape. Keys keep their order; literals stay as written; a
 * string that is exactly `"{{path}}"` becomes the world's value at that path (`"{{path | float}}"` marks
 * a PHP float). Three directives, each an object with one `$` key, cover the documented alternatives:
 *
 * - `{"$nullable": "path", "value": <node>}`: null when the world's value at path is null, else `value`;
 * - `{"$each": "path", "as": "name", "item": <node>}`: one item per element, the element named `name`;
 * - `{"$switch": "path", "cases": {"<value>": <node>, ...}}`: the node of the case the value names.
 *
 * Compiling turns the tree into closures once, so rendering is a walk with no parsing.
 */
export type Scope = object;
type RenderNode = (scope: Scope) => unknown;

export interface CompiledBody {
  render(scope: Scope): unknown;
  /** Which fields are PHP floats, for the encoder. */
  readonly floats: FloatShape;
  /** Every path an override may name, arrays as `[]`: `data.order_item.resources.[].data.name`. */
  readonly paths: ReadonlySet<string>;
}

const PLACEHOLDER = /^\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\|\s*float\s*)?\}\}$/;
const DIRECTIVES = new Set(['$nullable', '$each', '$switch']);

interface CompileContext {
  file: string;
  floats: Record<string, unknown>;
  paths: Set<string>;
}

/** Compiles a template's `body` into a renderer; `file` and the JSON path name any error. */
export function compileBody(body: unknown, file: string, jsonPath = '$.body'): CompiledBody {
  const context: CompileContext = { file, floats: {}, paths: new Set() };
  const render = compileNode(body, jsonPath, [], context);
  return { render, floats: context.floats as FloatShape, paths: context.paths };
}

function compileNode(node: unknown, jsonPath: string, payloadPath: string[], context: CompileContext): RenderNode {
  if (payloadPath.length > 0) context.paths.add(payloadPath.join('.'));
  if (typeof node === 'string') return compileString(node, jsonPath, payloadPath, context);
  if (node === null || typeof node === 'number' || typeof node === 'boolean') return () => node;
  if (Array.isArray(node)) {
    const items = node.map((item, i) => compileNode(item, `${jsonPath}[${i}]`, [...payloadPath, '[]'], context));
    return (scope) => items.map((item) => item(scope));
  }
  if (typeof node === 'object') {
    const keys = Object.keys(node);
    const directive = keys.find((key) => key.startsWith('$'));
    if (directive !== undefined) return compileDirective(node as Record<string, unknown>, directive, jsonPath, payloadPath, context);
    const children = keys.map((key) => compileNode((node as Record<string, unknown>)[key], `${jsonPath}.${key}`, [...payloadPath, key], context));
    return buildObjectRenderer(keys, children);
  }
  throw new TemplateError(context.file, jsonPath, `a ${typeof node} is not JSON. Use a JSON value.`);
}

function compileString(node: string, jsonPath: string, payloadPath: string[], context: CompileContext): RenderNode {
  if (!node.includes('{{')) return () => node;
  const match = PLACEHOLDER.exec(node);
  if (match === null) {
    throw new TemplateError(
      context.file,
      jsonPath,
      `"${node}" is not a placeholder. Write the whole string as "{{path.to.value}}" or "{{path | float}}".`,
    );
  }
  const path = match[1]!;
  if (match[2] !== undefined) markFloat(context.floats, payloadPath);
  return compilePath(path, jsonPath, context);
}

function markFloat(floats: Record<string, unknown>, payloadPath: string[]): void {
  let node = floats;
  for (let i = 0; i < payloadPath.length - 1; i++) {
    const key = payloadPath[i]!;
    node = (node[key] ??= {}) as Record<string, unknown>;
  }
  node[payloadPath[payloadPath.length - 1]!] = true;
}

/**
 * Renders an object with a fixed key list. The function is generated once per template object so V8
 * sees an object literal: one hidden class, no per-key transitions, about twice as fast as assigning
 * keys in a loop. Keys are embedded with JSON.stringify, so no template text reaches the code unquoted.
 */
function buildObjectRenderer(keys: readonly string[], children: readonly RenderNode[]): RenderNode {
  if (keys.length === 0) return () => ({});
  const body = `return (scope) => ({${keys.map((key, i) => `${JSON.stringify(key)}: c[${i}](scope)`).join(', ')}});`;
  return new Function('c', body)(children) as RenderNode;
}

function compilePath(path: string, jsonPath: string, context: CompileContext): RenderNode {
  const keys = path.split('.');
  const missing = (): never => {
    throw new TemplateError(context.file, jsonPath, `"{{${path}}}" names nothing in the world. See the template docs for the values a template can use.`);
  };
  // Short paths (nearly all) get a straight-line reader.
  if (keys.length <= 3) {
    const [a, b, c] = keys as [string, string | undefined, string | undefined];
    return (scope) => {
      let value = (scope as Record<string, unknown>)[a];
      if (b !== undefined && value !== null && value !== undefined) value = (value as Record<string, unknown>)[b];
      if (c !== undefined && value !== null && value !== undefined) value = (value as Record<string, unknown>)[c];
      return value === undefined ? missing() : value;
    };
  }
  return (scope) => {
    let value: unknown = scope;
    for (const key of keys) {
      if (value === null || value === undefined) break;
      value = (value as Record<string, unknown>)[key];
    }
    if (value === undefined) {
      throw new TemplateError(context.file, jsonPath, `"{{${path}}}" names nothing in the world. See the template docs for the values a template can use.`);
    }
    return value;
  };
}

function compileDirective(
  node: Record<string, unknown>,
  directive: string,
  jsonPath: string,
  payloadPath: string[],
  context: CompileContext,
): RenderNode {
  const fail = (reason: string): never => {
    throw new TemplateError(context.file, jsonPath, reason);
  };
  if (!DIRECTIVES.has(directive)) fail(`unknown directive "${directive}". Use $nullable, $each or $switch.`);
  const source = node[directive];
  if (typeof source !== 'string' || source.length === 0) fail(`${directive} needs a world path as a string, e.g. "sale.coupon".`);
  const read = compilePath(source as string, `${jsonPath}.${directive}`, context);
  const allowed = directive === '$nullable' ? ['value'] : directive === '$each' ? ['as', 'item'] : ['cases'];
  for (const key of Object.keys(node)) {
    if (key !== directive && !allowed.includes(key)) fail(`unexpected key "${key}" next to ${directive}. Allowed: ${allowed.join(', ')}.`);
  }
  for (const key of allowed) if (!(key in node)) fail(`${directive} needs "${key}".`);

  if (directive === '$nullable') {
    const value = compileNode(node['value'], `${jsonPath}.value`, payloadPath, context);
    return (scope) => (read(scope) === null ? null : value(scope));
  }
  if (directive === '$each') {
    const as = node['as'];
    if (typeof as !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(as)) fail('"as" must name the item, e.g. "resource".');
    const item = compileNode(node['item'], `${jsonPath}.item`, [...payloadPath, '[]'], context);
    return (scope) => {
      const list = read(scope);
      if (!Array.isArray(list)) throw new TemplateError(context.file, jsonPath, `$each "${source as string}" is not a list in the world.`);
      return list.map((element: unknown) => {
        const child = Object.create(scope) as Record<string, unknown>;
        child[as as string] = element;
        return item(child);
      });
    };
  }
  const cases = node['cases'];
  if (cases === null || typeof cases !== 'object' || Array.isArray(cases)) fail('"cases" must be an object of value: template.');
  const compiled = new Map<string, RenderNode>();
  for (const [value, caseNode] of Object.entries(cases as Record<string, unknown>)) {
    compiled.set(value, compileNode(caseNode, `${jsonPath}.cases.${value}`, payloadPath, context));
  }
  return (scope) => {
    const value = String(read(scope));
    const chosen = compiled.get(value);
    if (chosen === undefined) {
      throw new TemplateError(context.file, jsonPath, `$switch "${source as string}" is "${value}", which has no case. Add a case for it.`);
    }
    return chosen(scope);
  };
}
