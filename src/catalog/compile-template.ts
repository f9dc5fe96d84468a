import { encodePhpJson, encodePhpNumber, encodePhpString, type FloatShape } from '../encode/encode-php-json.js';
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
 * Compiling turns a template into one JavaScript function, built once: object literals in the
 * template's key order and a straight-line read per placeholder. Every property read then has its own
 * inline cache, which made rendering about three times faster than a tree of generic closures.
 * Nothing from the template reaches the code unquoted: keys and literals go through JSON.stringify,
 * paths and item names must be identifiers.
 */
export type Scope = object;

export interface CompiledBody {
  render(scope: Scope): unknown;
  /**
   * The same payload straight to its wire bytes, without building the object first: the generator's
   * path when no override changes the payload. Equal to `encodePhpJson(render(scope), floats)`.
   */
  renderBytes(scope: Scope): string;
  /** Which fields are PHP floats, for the encoder. */
  readonly floats: FloatShape;
  /** Every path an override may name, arrays as `[]`: `data.order_item.resources.[].data.name`. */
  readonly paths: ReadonlySet<string>;
}

const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const PLACEHOLDER = /^\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\|\s*float\s*)?\}\}$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const DIRECTIVES = new Set(['$nullable', '$each', '$switch']);

/**
 * Limits that keep a hostile or mistaken template from exhausting the stack or memory. The built-in
 * templates nest 8 levels and one `$each`; these leave ample room for real payloads.
 */
export const TEMPLATE_LIMITS = {
  /** Objects, arrays and directives inside one another. */
  depth: 64,
  /** `$each` inside `$each`: each one multiplies the output. */
  eachDepth: 8,
  /** List items one event may render, over all its `$each`. */
  items: 100_000,
} as const;

/**
 * Names a placeholder may not read: what every object inherits from Object.prototype. The world is read
 * through its own properties and the getters of its scope class; `{{contact.toString}}` or
 * `{{contact.__proto__}}` would reach the language's machinery instead. Methods inherited from
 * elsewhere (`{{tags.map}}`) are functions, refused when read.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

interface Site {
  jsonPath: string;
  path: string;
}

interface CompileContext {
  file: string;
  floats: Record<string, unknown>;
  paths: Set<string>;
  sites: Site[];
  /** Temporaries the generated function declares (`k1`, `k2`, ... for $switch keys). */
  temporaries: string[];
  itemCount: number;
  /** Generating the wire-bytes function (strings) rather than the object one. */
  bytes: boolean;
  /** How deep the node being generated is, and how many `$each` enclose it. */
  depth: number;
  eachDepth: number;
}

// Printable ASCII without `"`, `/` and `\`: such a string is its own PHP encoding between quotes.
const PLAIN_STRING = /^[\x20\x21\x23-\x2e\x30-\x5b\x5d-\x7e]*$/;

/** One world value as PHP writes it; objects and arrays (a contact's fields, say) go to the encoder. */
function encodeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return PLAIN_STRING.test(value) ? '"' + value + '"' : encodePhpString(value);
    case 'number':
      // Ids, cents and counts are int32: their PHP form is their decimal digits (-0 prints as 0, as PHP does).
      return (value | 0) === value ? '' + value : encodePhpNumber(value, false);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      return (Array.isArray(value) ? undefined : encodeStringMap(value as Record<string, unknown>)) ?? encodePhpJson(value);
  }
}

/**
 * A non-empty object of strings (a contact's `fields`) written key by key, as every other string of a
 * body is, without the general encoder's copy and fix-up passes; undefined for anything else.
 */
function encodeStringMap(map: Record<string, unknown>): string | undefined {
  let out = '';
  for (const key in map) {
    const item = map[key];
    if (typeof item !== 'string') return undefined;
    out += (out === '' ? '{' : ',') + encodeValue(key) + ':' + encodeValue(item);
  }
  return out === '' ? undefined : out + '}';
}

function encodeFloat(value: unknown): string {
  return typeof value === 'number' ? encodePhpNumber(value, true) : encodeValue(value);
}

/** A JavaScript string literal holding `text` (the bytes a fragment of the body always has). */
function literal(text: string): string {
  return JSON.stringify(text);
}

/** `$each` item names in scope, mapped to the generated parameter that holds the item. */
type Locals = ReadonlyMap<string, string>;

/** Compiles a template's `body` into a renderer; `file` and the JSON path name any error. */
export function compileBody(body: unknown, file: string, jsonPath = '$.body'): CompiledBody {
  // Null-prototype: a template key "__proto__" is then a plain key here too, never the prototype.
  const floats = Object.create(null) as Record<string, unknown>;
  const context: CompileContext = {
    file,
    floats,
    paths: new Set(),
    sites: [],
    temporaries: ['t'],
    itemCount: 0,
    bytes: false,
    depth: 0,
    eachDepth: 0,
  };
  const expression = generate(body, jsonPath, [], new Map(), context);
  context.bytes = true;
  const bytesExpression = generate(body, jsonPath, [], new Map(), context);
  const { sites } = context;
  const missing = (site: number, value: unknown): never => {
    const { jsonPath: at, path } = sites[site]!;
    if (value === undefined) {
      throw new TemplateError(
        file,
        at,
        `"{{${path}}}" names nothing in the world. See the template docs for the values a template can use.`,
      );
    }
    throw new TemplateError(
      file,
      at,
      `"{{${path}}}" names a ${typeof value}, not a value of the world. See the template docs for the values a template can use.`,
    );
  };
  // Items rendered by the current event: rendering is synchronous, so one counter, reset per render.
  let items = 0;
  const list = (value: unknown, site: number): unknown[] => {
    if (!Array.isArray(value))
      throw new TemplateError(file, sites[site]!.jsonPath, `$each "${sites[site]!.path}" is not a list in the world.`);
    items += value.length;
    if (items > TEMPLATE_LIMITS.items) {
      throw new TemplateError(
        file,
        sites[site]!.jsonPath,
        `$each "${sites[site]!.path}" takes one event past ${TEMPLATE_LIMITS.items} list items (the output limit). Nest fewer $each.`,
      );
    }
    return value;
  };
  const noCase = (value: string, site: number): never => {
    throw new TemplateError(
      file,
      sites[site]!.jsonPath,
      `$switch "${sites[site]!.path}" is "${value}", which has no case. Add a case for it.`,
    );
  };
  const declarations = `let ${context.temporaries.join(', ')};`;
  const source =
    `return [function render(s) { ${declarations} return ${expression}; },` +
    ` function renderBytes(s) { ${declarations} return ${bytesExpression}; }];`;
  const [renderObject, renderString] = new Function('missing', 'list', 'noCase', 'json', 'float', source)(
    missing,
    list,
    noCase,
    encodeValue,
    encodeFloat,
  ) as [(scope: Scope) => unknown, (scope: Scope) => string];
  return {
    render: (scope) => {
      items = 0;
      return renderObject(scope);
    },
    renderBytes: (scope) => {
      items = 0;
      return renderString(scope);
    },
    floats: context.floats as FloatShape,
    paths: context.paths,
  };
}

function generate(node: unknown, jsonPath: string, payloadPath: string[], locals: Locals, context: CompileContext): string {
  if (context.depth >= TEMPLATE_LIMITS.depth) {
    // Only the start of the path: at the limit it is 64 segments long.
    const at = jsonPath.length > 120 ? `${jsonPath.slice(0, 120)}...` : jsonPath;
    throw new TemplateError(
      context.file,
      at,
      `the template nests deeper than ${TEMPLATE_LIMITS.depth} levels (the depth limit). Flatten it.`,
    );
  }
  context.depth++;
  try {
    return generateNode(node, jsonPath, payloadPath, locals, context);
  } finally {
    context.depth--;
  }
}

function generateNode(node: unknown, jsonPath: string, payloadPath: string[], locals: Locals, context: CompileContext): string {
  if (payloadPath.length > 0) context.paths.add(payloadPath.join('.'));
  if (typeof node === 'string') return generateString(node, jsonPath, payloadPath, locals, context);
  if (node === null || typeof node === 'number' || typeof node === 'boolean') {
    return context.bytes ? literal(encodePhpJson(node)) : JSON.stringify(node);
  }
  if (Array.isArray(node)) {
    const items = node.map((item, i) => generate(item, `${jsonPath}[${i}]`, [...payloadPath, '[]'], locals, context));
    if (context.bytes)
      return items.length === 0 ? literal('[]') : `${literal('[')} + ${items.join(` + ${literal(',')} + `)} + ${literal(']')}`;
    return `[${items.join(', ')}]`;
  }
  if (typeof node === 'object') {
    const keys = Object.keys(node);
    const directive = keys.find((key) => key.startsWith('$'));
    if (directive !== undefined)
      return generateDirective(node as Record<string, unknown>, directive, jsonPath, payloadPath, locals, context);
    const values = keys.map((key) =>
      generate((node as Record<string, unknown>)[key], `${jsonPath}.${key}`, [...payloadPath, key], locals, context),
    );
    if (context.bytes) {
      if (keys.length === 0) return literal('{}');
      return `${values.map((value, i) => `${literal((i === 0 ? '{' : ',') + encodePhpString(keys[i]!) + ':')} + ${value}`).join(' + ')} + ${literal('}')}`;
    }
    // `"__proto__": v` in an object literal sets the prototype; the computed form `["__proto__"]: v`
    // makes the own key JSON.parse made. Other keys stay plain, which keeps V8's literal boilerplates.
    return `{${values.map((value, i) => `${keys[i] === '__proto__' ? '["__proto__"]' : JSON.stringify(keys[i]!)}: ${value}`).join(', ')}}`;
  }
  throw new TemplateError(context.file, jsonPath, `a ${typeof node} is not JSON. Use a JSON value.`);
}

function generateString(node: string, jsonPath: string, payloadPath: string[], locals: Locals, context: CompileContext): string {
  if (!node.includes('{{')) return context.bytes ? literal(encodePhpString(node)) : JSON.stringify(node);
  const match = PLACEHOLDER.exec(node);
  if (match === null) {
    throw new TemplateError(
      context.file,
      jsonPath,
      `"${node}" is not a placeholder. Write the whole string as "{{path.to.value}}" or "{{path | float}}".`,
    );
  }
  const isFloat = match[2] !== undefined;
  if (isFloat && !context.bytes) markFloat(context.floats, payloadPath);
  const read = generateRead(match[1]!, jsonPath, locals, context);
  if (!context.bytes) return read;
  return isFloat ? `float(${read})` : `json(${read})`;
}

function markFloat(floats: Record<string, unknown>, payloadPath: string[]): void {
  let node = floats;
  for (let i = 0; i < payloadPath.length - 1; i++) {
    const key = payloadPath[i]!;
    node = (node[key] ??= Object.create(null)) as Record<string, unknown>;
  }
  node[payloadPath[payloadPath.length - 1]!] = true;
}

/**
 * A read of `a.b.c`: the value, null when an intermediate is null (a `$nullable` guards those), and an
 * error naming the template site when the world has no such value.
 */
function generateRead(path: string, jsonPath: string, locals: Locals, context: CompileContext): string {
  const site = context.sites.push({ jsonPath, path }) - 1;
  const [root, ...rest] = path.split('.') as [string, ...string[]];
  const inherited = (locals.has(root) ? rest : [root, ...rest]).find((key) => INHERITED_NAMES.has(key));
  if (inherited !== undefined) {
    throw new TemplateError(
      context.file,
      jsonPath,
      `"{{${path}}}" reads "${inherited}", which every JavaScript value inherits, not a value of the world. See the template docs for the values a template can use.`,
    );
  }
  let code = `(t = ${locals.get(root) ?? `s[${JSON.stringify(root)}]`}`;
  // A function (a method of the scope class or of a list) is never a value of the world, nor a way into one.
  for (const key of rest) code += `, t == null ? t : typeof t === 'function' ? missing(${site}, t) : (t = t[${JSON.stringify(key)}]`;
  code += ')'.repeat(rest.length);
  return `${code}, t === undefined || typeof t === 'function' ? missing(${site}, t) : t)`;
}

function generateDirective(
  node: Record<string, unknown>,
  directive: string,
  jsonPath: string,
  payloadPath: string[],
  locals: Locals,
  context: CompileContext,
): string {
  const fail = (reason: string): never => {
    throw new TemplateError(context.file, jsonPath, reason);
  };
  if (!DIRECTIVES.has(directive)) fail(`unknown directive "${directive}". Use $nullable, $each or $switch.`);
  const source = node[directive];
  if (typeof source !== 'string' || !PATH.test(source)) fail(`${directive} needs a world path as a string, e.g. "sale.coupon".`);
  const path = source as string;
  const allowed = directive === '$nullable' ? ['value'] : directive === '$each' ? ['as', 'item'] : ['cases'];
  for (const key of Object.keys(node)) {
    if (key !== directive && !allowed.includes(key)) fail(`unexpected key "${key}" next to ${directive}. Allowed: ${allowed.join(', ')}.`);
  }
  for (const key of allowed) if (!(key in node)) fail(`${directive} needs "${key}".`);
  const read = generateRead(path, `${jsonPath}.${directive}`, locals, context);

  if (directive === '$nullable') {
    const value = generate(node['value'], `${jsonPath}.value`, payloadPath, locals, context);
    return `(${read} === null ? ${context.bytes ? literal('null') : 'null'} : ${value})`;
  }
  if (directive === '$each') {
    const as = node['as'];
    if (typeof as !== 'string' || !IDENTIFIER.test(as)) fail('"as" must name the item, e.g. "resource".');
    if (context.eachDepth >= TEMPLATE_LIMITS.eachDepth) {
      fail(
        `$each nests deeper than ${TEMPLATE_LIMITS.eachDepth} levels (the $each limit): each one multiplies the output. Nest fewer $each.`,
      );
    }
    const parameter = `item${++context.itemCount}`;
    const inner = new Map(locals).set(as as string, parameter);
    context.eachDepth++;
    let item: string;
    try {
      item = generate(node['item'], `${jsonPath}.item`, [...payloadPath, '[]'], inner, context);
    } finally {
      context.eachDepth--;
    }
    const site = context.sites.push({ jsonPath, path }) - 1;
    if (context.bytes)
      return `${literal('[')} + list(${read}, ${site}).map((${parameter}) => (${item})).join(${literal(',')}) + ${literal(']')}`;
    return `list(${read}, ${site}).map((${parameter}) => (${item}))`;
  }
  const cases = node['cases'];
  if (cases === null || typeof cases !== 'object' || Array.isArray(cases)) fail('"cases" must be an object of value: template.');
  const key = `k${context.temporaries.length}`;
  context.temporaries.push(key);
  const site = context.sites.push({ jsonPath, path }) - 1;
  let code = `(${key} = String(${read}), `;
  for (const [value, caseNode] of Object.entries(cases as Record<string, unknown>)) {
    code += `${key} === ${JSON.stringify(value)} ? ${generate(caseNode, `${jsonPath}.cases.${value}`, payloadPath, locals, context)} : `;
  }
  return `${code}noCase(${key}, ${site}))`;
}
