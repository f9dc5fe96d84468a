import { encodePhpJson, encodePhpNumber, encodePhpString, type FloatShape, writePhpStringAt } from '../encode/encode-php-json.js';
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
 * Compiling turns a template into two JavaScript functions, built once: one makes the payload object
 * (object literals in the template's key order and a straight-line read per placeholder), the other
 * writes the wire bytes straight into a buffer (the template's fixed text encoded once into byte
 * segments, each world value encoded in place). Every property read then has its own inline cache,
 * which made rendering about three times faster than a tree of generic closures; writing bytes rather
 * than joining strings spares the rope of strings, its flattening and the copy into a buffer.
 * Nothing from the template reaches the code unquoted: keys and literals go through JSON.stringify,
 * paths and item names must be identifiers.
 */
export type Scope = object;

/**
 * Where rendered bytes go: `buf` from `pos` on. Rendering moves `pos` past what it wrote and replaces
 * `buf` with a bigger copy (a Buffer) when the body does not fit.
 */
export interface ByteSink {
  buf: Uint8Array;
  pos: number;
}

export interface CompiledBody {
  render(scope: Scope): unknown;
  /**
   * The same payload straight to its wire bytes, without building the object first: the generator's
   * path when no override changes the payload. Equal to `encodePhpJson(render(scope), floats)`.
   */
  renderBytes(scope: Scope): string;
  /** The bytes of renderBytes written into `sink` at `sink.pos` (ASCII: one byte per character). */
  renderInto(scope: Scope, sink: ByteSink): void;
  /** Which fields are PHP floats, for the encoder. */
  readonly floats: FloatShape;
  /** Every path an override may name, arrays as `[]`: `data.order_item.resources.[].data.name`. */
  readonly paths: ReadonlySet<string>;
}

const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const PLACEHOLDER = /^\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\|\s*float\s*)?\}\}$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const DIRECTIVES = new Set(['$nullable', '$each', '$switch']);
/** Cached nodes inside cached nodes (an offer's resource, then its course): the code doubles per level. */
const MAX_UNCHANGING_DEPTH = 2;

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
  /** How deep the node being generated is, and how many `$each` enclose it. */
  depth: number;
  eachDepth: number;
  /** Fragment caches of the byte form (see Form.unchanging), and how many enclose the node. */
  caches: number;
  unchangingDepth: number;
}

// ---- Writing world values as bytes ----------------------------------------------------------------
// The byte renderer's output: one buffer and position for the render under way (rendering is
// synchronous and never nested), handed back to the caller's sink when it ends.
let out: Uint8Array = Buffer.alloc(0);
let at = 0;

function grow(length: number): void {
  const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, at + length, 4096));
  bigger.set(out.subarray(0, at));
  out = bigger;
}

/** A fixed piece of the body, encoded when the template was compiled. */
function writeSegment(segment: Uint8Array): void {
  const length = segment.length;
  if (at + length > out.length) grow(length);
  // Most pieces are a key or two (`,"email":`): a loop beats a native copy's call at that size. Locals,
  // not the module's variables, in the loop: V8 keeps them in registers.
  if (length > 48) {
    out.set(segment, at);
    at += length;
    return;
  }
  const target = out;
  let position = at;
  for (let i = 0; i < length; i++) target[position++] = segment[i]!;
  at = position;
}

/** Text known to be ASCII with nothing to escape: numbers, literals, the encoder's output. */
function writeAscii(text: string): void {
  if (at + text.length > out.length) grow(text.length);
  const target = out;
  let position = at;
  for (let i = 0; i < text.length; i++) target[position++] = text.charCodeAt(i);
  at = position;
}

function writeString(value: string): void {
  // Worst case: every UTF-16 unit becomes \uXXXX.
  if (at + value.length * 6 + 2 > out.length) grow(value.length * 6 + 2);
  at = writePhpStringAt(out, at, value);
}

/** How many decimal digits a whole number from 0 to 2^31 - 1 has (comparisons: no division). */
function countDigits(value: number): number {
  if (value < 100_000) return value < 100 ? (value < 10 ? 1 : 2) : value < 1000 ? 3 : value < 10_000 ? 4 : 5;
  return value < 10_000_000 ? (value < 1_000_000 ? 6 : 7) : value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10;
}

/** A whole number from 0 to 2^31 - 1, digit by digit (ids, cents and counts: most numbers of a body). */
function writeDigits(value: number): void {
  if (at + 10 > out.length) grow(10);
  const target = out;
  const end = at + countDigits(value);
  let position = end;
  let rest = value;
  do {
    const tenth = (rest / 10) | 0;
    target[--position] = 48 + rest - tenth * 10;
    rest = tenth;
  } while (rest > 0);
  at = end;
}

/** One world value as PHP writes it; objects and arrays (a contact's fields, say) go to the encoder. */
function writeValue(value: unknown): void {
  switch (typeof value) {
    case 'string':
      writeString(value);
      return;
    case 'number':
      // Ids, cents and counts are int32: their PHP form is their decimal digits (-0 prints as 0, as PHP does).
      if ((value | 0) === value && value >= 0) writeDigits(value | 0);
      else writeAscii(encodePhpNumber(value, false));
      return;
    case 'boolean':
      writeAscii(value ? 'true' : 'false');
      return;
    default:
      if (value === null) writeAscii('null');
      else if (Array.isArray(value) || !writeStringMap(value as Record<string, unknown>)) writeAscii(encodePhpJson(value));
  }
}

/**
 * A non-empty object of strings (a contact's `fields`) written key by key, as every other string of a
 * body is, without the general encoder's copy and fix-up passes; false (nothing written) for anything else.
 */
function writeStringMap(map: Record<string, unknown>): boolean {
  const start = at;
  let first = true;
  for (const key in map) {
    const item = map[key];
    // Anything but a string: what was written is taken back, and the general encoder writes the value.
    if (typeof item !== 'string') {
      at = start;
      return false;
    }
    if (at + 1 > out.length) grow(1);
    out[at++] = first ? 0x7b : 0x2c; // { or ,
    first = false;
    writeString(key);
    if (at + 1 > out.length) grow(1);
    out[at++] = 0x3a; // :
    writeString(item);
  }
  if (first) return false;
  if (at + 1 > out.length) grow(1);
  out[at++] = 0x7d; // }
  return true;
}

function writeFloat(value: unknown): void {
  if (typeof value === 'number') writeAscii(encodePhpNumber(value, true));
  else writeValue(value);
}

// Where renderBytes renders before making its string.
const SCRATCH_KEEP_BYTES = 1024 * 1024;
const scratch: ByteSink = { buf: Buffer.allocUnsafe(16 * 1024), pos: 0 };

/** `$each` item names in scope, mapped to the generated parameter that holds the item. */
type Locals = ReadonlyMap<string, string>;

/**
 * What a template node compiles to, in each form: the object form is one JavaScript expression; the
 * byte form is a list of fixed text (merged with its neighbours, then encoded once) and statements.
 */
type BytePart = { text: string } | { code: string };

interface Form<T> {
  /** A JSON literal of the template (null, a number, a boolean, a string without placeholder). */
  literal(value: unknown): T;
  /** A world value read by `read`; `float` marks a PHP float. */
  value(read: string, float: boolean): T;
  array(items: T[]): T;
  object(keys: string[], values: T[]): T;
  nullable(read: string, value: T): T;
  each(read: string, site: number, parameter: string, item: T): T;
  switch(key: string, read: string, cases: Array<[string, T]>, site: number): T;
  /**
   * An object node whose every read goes through one world object (`source` reads it, never throwing):
   * the byte form writes it once per such object when the object is frozen (see writeFragment).
   */
  unchanging?(source: string, cache: number, node: T): T;
}

const objectForm: Form<string> = {
  literal: (value) => JSON.stringify(value),
  value: (read) => read,
  array: (items) => `[${items.join(', ')}]`,
  // `"__proto__": v` in an object literal sets the prototype; the computed form `["__proto__"]: v`
  // makes the own key JSON.parse made. Other keys stay plain, which keeps V8's literal boilerplates.
  object: (keys, values) =>
    `{${values.map((value, i) => `${keys[i] === '__proto__' ? '["__proto__"]' : JSON.stringify(keys[i]!)}: ${value}`).join(', ')}}`,
  nullable: (read, value) => `(${read} === null ? null : ${value})`,
  each: (read, site, parameter, item) => `list(${read}, ${site}).map((${parameter}) => (${item}))`,
  switch: (key, read, cases, site) =>
    `(${key} = String(${read}), ${cases.map(([value, node]) => `${key} === ${JSON.stringify(value)} ? ${node} : `).join('')}noCase(${key}, ${site}))`,
};

const text = (value: string): BytePart[] => [{ text: value }];

const byteForm: Form<BytePart[]> = {
  literal: (value) => text(typeof value === 'string' ? encodePhpString(value) : encodePhpJson(value)),
  value: (read, float) => [{ code: `${float ? 'float' : 'value'}(${read});` }],
  array: (items) => [...text('['), ...items.flatMap((item, i) => (i === 0 ? item : [...text(','), ...item])), ...text(']')],
  object: (keys, values) =>
    keys.length === 0
      ? text('{}')
      : [...values.flatMap((value, i) => [...text((i === 0 ? '{' : ',') + encodePhpString(keys[i]!) + ':'), ...value]), ...text('}')],
  nullable: (read, value) => [{ code: `if (${read} === null) { ${emit(text('null'))} } else { ${emit(value)} }` }],
  each: (read, site, parameter, item) => {
    const list = `${parameter}s`;
    const i = `${parameter}i`;
    return [
      ...text('['),
      {
        code:
          `const ${list} = list(${read}, ${site}); for (let ${i} = 0; ${i} < ${list}.length; ${i}++) {` +
          ` if (${i} !== 0) ${emit(text(','))} const ${parameter} = ${list}[${i}]; ${emit(item)} }`,
      },
      ...text(']'),
    ];
  },
  unchanging: (source, cache, node) => [
    {
      code:
        `const f${cache} = ${source}; if (f${cache} !== null && typeof f${cache} === 'object' && Object.isFrozen(f${cache})) {` +
        ` if (!fragment(${cache}, f${cache})) { const m${cache} = mark(); ${emit(node)} keep(${cache}, f${cache}, m${cache}); } } else { ${emit(node)} }`,
    },
  ],
  switch: (key, read, cases, site) => [
    {
      code: `${key} = String(${read}); ${cases.map(([value, node]) => `if (${key} === ${JSON.stringify(value)}) { ${emit(node)} } else `).join('')}noCase(${key}, ${site});`,
    },
  ],
};

// The fixed text of the byte form being compiled, as segments the generated code names `g0, g1, ...`.
let segments: Uint8Array[] = [];

/** Statements writing `parts`: neighbouring text merged into one segment, encoded as bytes once. */
function emit(parts: BytePart[]): string {
  let code = '';
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    code += `segment(g${segments.push(Buffer.from(pending, 'latin1')) - 1}); `;
    pending = '';
  };
  for (const part of parts) {
    if ('text' in part) pending += part.text;
    else {
      flush();
      code += `{ ${part.code} } `;
    }
  }
  flush();
  return code;
}

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
    depth: 0,
    eachDepth: 0,
    caches: 0,
    unchangingDepth: 0,
  };
  const expression = generate(objectForm, body, jsonPath, [], new Map(), context);
  // The byte form's directives emit their statements as they are generated: segments start here.
  segments = [];
  const byteStatements = emit(generate(byteForm, body, jsonPath, [], new Map(), context));
  const fixed = segments;
  segments = [];
  const { sites } = context;
  const missing = (site: number, value: unknown): never => {
    const { jsonPath: where, path } = sites[site]!;
    if (value === undefined) {
      throw new TemplateError(
        file,
        where,
        `"{{${path}}}" names nothing in the world. See the template docs for the values a template can use.`,
      );
    }
    throw new TemplateError(
      file,
      where,
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
  // Each unchanging node's bytes, by the frozen world object they were made from (an account's offer).
  const fragments = Array.from({ length: context.caches }, () => new WeakMap<object, Uint8Array>());
  const fragment = (cache: number, source: object): boolean => {
    const bytes = fragments[cache]!.get(source);
    if (bytes === undefined) return false;
    writeSegment(bytes);
    return true;
  };
  const mark = (): number => at;
  const keep = (cache: number, source: object, start: number): void => {
    fragments[cache]!.set(source, Buffer.from(out.subarray(start, at)));
  };
  const declarations = `let ${context.temporaries.join(', ')};`;
  const segmentNames = fixed.length === 0 ? '' : `const ${fixed.map((_, i) => `g${i} = fixed[${i}]`).join(', ')};`;
  const source =
    `${segmentNames} return [function render(s) { ${declarations} return ${expression}; },` +
    ` function renderInto(s) { ${declarations} ${byteStatements} }];`;
  const [renderObject, writeBody] = new Function(
    'missing',
    'list',
    'noCase',
    'value',
    'float',
    'segment',
    'fixed',
    'fragment',
    'mark',
    'keep',
    source,
  )(missing, list, noCase, writeValue, writeFloat, writeSegment, fixed, fragment, mark, keep) as [
    (scope: Scope) => unknown,
    (scope: Scope) => void,
  ];
  const renderInto = (scope: Scope, sink: ByteSink): void => {
    items = 0;
    out = sink.buf;
    at = sink.pos;
    try {
      writeBody(scope);
      sink.buf = out;
      sink.pos = at;
    } finally {
      // The module's buffer is the sink's: dropped, so a large body is not kept alive here.
      out = EMPTY;
    }
  };
  return {
    render: (scope) => {
      items = 0;
      return renderObject(scope);
    },
    renderInto,
    renderBytes: (scope) => {
      scratch.pos = 0;
      renderInto(scope, scratch);
      const bytes = (scratch.buf as Buffer).toString('latin1', 0, scratch.pos);
      // A huge body (a template listing thousands of items) leaves no huge buffer behind.
      if (scratch.buf.length > SCRATCH_KEEP_BYTES) scratch.buf = Buffer.allocUnsafe(16 * 1024);
      return bytes;
    },
    floats: context.floats as FloatShape,
    paths: context.paths,
  };
}

// A Buffer like every sink's, so the writers see one kind of array.
const EMPTY: Uint8Array = Buffer.alloc(0);

function generate<T>(form: Form<T>, node: unknown, jsonPath: string, payloadPath: string[], locals: Locals, context: CompileContext): T {
  if (context.depth >= TEMPLATE_LIMITS.depth) {
    // Only the start of the path: at the limit it is 64 segments long.
    const where = jsonPath.length > 120 ? `${jsonPath.slice(0, 120)}...` : jsonPath;
    throw new TemplateError(
      context.file,
      where,
      `the template nests deeper than ${TEMPLATE_LIMITS.depth} levels (the depth limit). Flatten it.`,
    );
  }
  context.depth++;
  try {
    return generateNode(form, node, jsonPath, payloadPath, locals, context);
  } finally {
    context.depth--;
  }
}

function generateNode<T>(
  form: Form<T>,
  node: unknown,
  jsonPath: string,
  payloadPath: string[],
  locals: Locals,
  context: CompileContext,
): T {
  if (payloadPath.length > 0) context.paths.add(payloadPath.join('.'));
  if (typeof node === 'string') return generateString(form, node, jsonPath, payloadPath, locals, context);
  if (node === null || typeof node === 'number' || typeof node === 'boolean') return form.literal(node);
  if (Array.isArray(node)) {
    return form.array(node.map((item, i) => generate(form, item, `${jsonPath}[${i}]`, [...payloadPath, '[]'], locals, context)));
  }
  if (typeof node === 'object') {
    const keys = Object.keys(node);
    const directive = keys.find((key) => key.startsWith('$'));
    if (directive !== undefined)
      return generateDirective(form, node as Record<string, unknown>, directive, jsonPath, payloadPath, locals, context);
    // Each cached node is written out twice (frozen source or not), so nesting stops at two levels.
    const source = form.unchanging === undefined || context.unchangingDepth >= MAX_UNCHANGING_DEPTH ? null : commonSource(node, locals);
    if (source !== null) context.unchangingDepth++;
    try {
      const values = keys.map((key) =>
        generate(form, (node as Record<string, unknown>)[key], `${jsonPath}.${key}`, [...payloadPath, key], locals, context),
      );
      const object = form.object(keys, values);
      return source === null ? object : form.unchanging!(generateSoftRead(source, locals), context.caches++, object);
    } finally {
      if (source !== null) context.unchangingDepth--;
    }
  }
  throw new TemplateError(context.file, jsonPath, `a ${typeof node} is not JSON. Use a JSON value.`);
}

function generateString<T>(
  form: Form<T>,
  node: string,
  jsonPath: string,
  payloadPath: string[],
  locals: Locals,
  context: CompileContext,
): T {
  if (!node.includes('{{')) return form.literal(node);
  const match = PLACEHOLDER.exec(node);
  if (match === null) {
    throw new TemplateError(
      context.file,
      jsonPath,
      `"${node}" is not a placeholder. Write the whole string as "{{path.to.value}}" or "{{path | float}}".`,
    );
  }
  const isFloat = match[2] !== undefined;
  if (isFloat && form === (objectForm as Form<unknown>)) markFloat(context.floats, payloadPath);
  return form.value(generateRead(match[1]!, jsonPath, locals, context), isFloat);
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

/** Every world path a template node reads (placeholders and directive sources); null when it holds a `$each`. */
function collectReads(node: unknown, into: string[]): boolean {
  if (typeof node === 'string') {
    const match = PLACEHOLDER.exec(node);
    if (match !== null) into.push(match[1]!);
    return true;
  }
  if (node === null || typeof node !== 'object') return true;
  if (Array.isArray(node)) return node.every((item) => collectReads(item, into));
  const record = node as Record<string, unknown>;
  if ('$each' in record) return false;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (key === '$nullable' || key === '$switch') {
      if (typeof child === 'string') into.push(child);
    } else if (!collectReads(child, into)) return false;
  }
  return true;
}

/**
 * The one world object every read of an object node goes through (`sale.pricePlan` for the offer's
 * object, or a list's item), as a path; null when the reads part at the scope's root, there are fewer
 * than two, or a `$each` is inside. Such a node's bytes depend on that object alone.
 */
function commonSource(node: object, locals: Locals): string | null {
  const reads: string[] = [];
  if (!collectReads(node, reads) || reads.length < 2) return null;
  let common = reads[0]!.split('.');
  for (const read of reads) {
    const parts = read.split('.');
    let same = 0;
    while (same < common.length && same < parts.length && common[same] === parts[same]) same++;
    common = common.slice(0, same);
  }
  // A list item may be the object itself (an offer's resource); a scope root never is (it is the event's).
  if (common.length === 0 || (common.length === 1 && !locals.has(common[0]!))) return null;
  return common.join('.');
}

/** A read of `a.b.c` that never throws: the value, or undefined where the world has none. */
function generateSoftRead(path: string, locals: Locals): string {
  const [root, ...rest] = path.split('.') as [string, ...string[]];
  let code = `(t = ${locals.get(root) ?? `s[${JSON.stringify(root)}]`}`;
  for (const key of rest) code += `, t === null || typeof t !== 'object' ? undefined : (t = t[${JSON.stringify(key)}]`;
  return `${code}${')'.repeat(rest.length)}, t)`;
}

function generateDirective<T>(
  form: Form<T>,
  node: Record<string, unknown>,
  directive: string,
  jsonPath: string,
  payloadPath: string[],
  locals: Locals,
  context: CompileContext,
): T {
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
    return form.nullable(read, generate(form, node['value'], `${jsonPath}.value`, payloadPath, locals, context));
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
    let item: T;
    try {
      item = generate(form, node['item'], `${jsonPath}.item`, [...payloadPath, '[]'], inner, context);
    } finally {
      context.eachDepth--;
    }
    const site = context.sites.push({ jsonPath, path }) - 1;
    return form.each(read, site, parameter, item);
  }
  const cases = node['cases'];
  if (cases === null || typeof cases !== 'object' || Array.isArray(cases)) fail('"cases" must be an object of value: template.');
  const key = `k${context.temporaries.length}`;
  context.temporaries.push(key);
  const site = context.sites.push({ jsonPath, path }) - 1;
  const compiled = Object.entries(cases as Record<string, unknown>).map(
    ([value, caseNode]) => [value, generate(form, caseNode, `${jsonPath}.cases.${value}`, payloadPath, locals, context)] as [string, T],
  );
  return form.switch(key, read, compiled, site);
}
