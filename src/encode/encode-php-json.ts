/**
 * JSON bytes as PHP's `json_encode` writes them with systeme.io's flags (reference §2): compact, `/`
 * escaped as `\/`, everything outside ASCII as lowercase `\uXXXX` (astral characters as surrogate pairs,
 * which is what UTF-16 strings already hold), and floats keeping a zero fraction (`0.0`).
 *
 * JavaScript has one number type, so which numbers are PHP floats comes from a {@link FloatShape}: a tree
 * mirroring the payload whose `true` leaves mark float fields. The output is pure ASCII, so the string's
 * length is its byte length and `Buffer.from(body, 'latin1')` is the exact body.
 *
 * The encoder writes bytes into one reusable buffer and makes a single string at the end: building the
 * body by string concatenation made a rope node per piece, and the garbage collector took a quarter of
 * the generate loop.
 */

/** Marks the float fields of a payload: `{ data: { order: { vat: true } } }`; `'[]'` stands for any array item. */
export interface FloatShape {
  readonly [key: string]: FloatShape | true;
}

const HEX = '0123456789abcdef';

let bytes = Buffer.allocUnsafe(64 * 1024);
let position = 0;

function reserve(length: number): void {
  if (position + length <= bytes.length) return;
  const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, position + length));
  bytes.copy(grown, 0, 0, position);
  bytes = grown;
}

/** Writes text known to be ASCII with nothing to escape (numbers, literals, cached keys). */
function writeAscii(text: string): void {
  reserve(text.length);
  for (let i = 0; i < text.length; i++) bytes[position++] = text.charCodeAt(i);
}

/** ASCII that PHP writes as itself inside a string: printable, DEL (0x7f) included, but `"`, `\\` and `/`. */
const PLAIN = new Uint8Array(0x80);
for (let code = 0x20; code <= 0x7f; code++) PLAIN[code] = code === 0x22 || code === 0x5c || code === 0x2f ? 0 : 1;

/** Writes the escape of one UTF-16 unit at `at`; returns the end. */
function writeEscapeAt(target: Uint8Array, at: number, code: number): number {
  target[at++] = 0x5c; // backslash
  switch (code) {
    case 0x22:
    case 0x5c:
    case 0x2f:
      target[at++] = code;
      return at;
    case 0x08:
      target[at++] = 0x62; // b
      return at;
    case 0x0c:
      target[at++] = 0x66; // f
      return at;
    case 0x0a:
      target[at++] = 0x6e; // n
      return at;
    case 0x0d:
      target[at++] = 0x72; // r
      return at;
    case 0x09:
      target[at++] = 0x74; // t
      return at;
    default:
      target[at++] = 0x75; // u
      target[at++] = HEX.charCodeAt((code >> 12) & 15);
      target[at++] = HEX.charCodeAt((code >> 8) & 15);
      target[at++] = HEX.charCodeAt((code >> 4) & 15);
      target[at++] = HEX.charCodeAt(code & 15);
      return at;
  }
}

/**
 * Writes one string the way PHP encodes it, quotes included, into `target` at `at`; returns the end.
 * The caller leaves room for the worst case, `value.length * 6 + 2` bytes (every unit as \uXXXX). The
 * templates' byte renderer (catalog/compile-template.ts) writes every string of a body through here.
 */
export function writePhpStringAt(target: Uint8Array, at: number, value: string): number {
  target[at++] = 0x22;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    // One table look-up rather than five comparisons (measured 20% faster per character).
    if (code < 0x80 && PLAIN[code] === 1) target[at++] = code;
    else at = writeEscapeAt(target, at, code);
  }
  target[at++] = 0x22;
  return at;
}

function writeString(value: string): void {
  // Worst case: every UTF-16 unit becomes \uXXXX.
  reserve(value.length * 6 + 2);
  position = writePhpStringAt(bytes, position, value);
}

function takeOutput(start: number): string {
  const text = bytes.toString('latin1', start, position);
  position = start;
  return text;
}

/** Encodes one string the way PHP does, quotes included. */
export function encodePhpString(value: string): string {
  const start = position;
  writeString(value);
  return takeOutput(start);
}

/**
 * Encodes a number like PHP 7.1+ (`serialize_precision = -1`) with `JSON_PRESERVE_ZERO_FRACTION`:
 * the shortest round-trip digits, exponent form below 1e-4 and from 1e17 on (`1.0e+25`).
 */
export function encodePhpNumber(value: number, isFloat: boolean): string {
  if (!Number.isFinite(value)) {
    throw new TypeError(`Failed to encode ${value}: PHP's json_encode rejects NaN and infinity.`);
  }
  if (!isFloat && Number.isInteger(value)) return Object.is(value, -0) ? '0' : String(value);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e-4 && abs < 1e17) {
    // In this range JavaScript's shortest round-trip form is plain decimal, as PHP's is.
    const fixed = String(value);
    return fixed.includes('.') ? fixed : fixed + '.0';
  }
  // Exponent form: JavaScript writes 1e+25 / 1.5e-7; PHP writes 1.0e+25 / 1.5e-7.
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return (mantissa.includes('.') ? mantissa : mantissa + '.0') + 'e' + exponent;
}

// Payloads repeat the same few hundred keys: encode each once. Bounded, so odd input cannot grow it forever.
const encodedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;

function writeKey(key: string): void {
  let encoded = encodedKeys.get(key);
  if (encoded === undefined) {
    encoded = encodePhpString(key) + ':';
    if (encodedKeys.size < MAX_CACHED_KEYS) encodedKeys.set(key, encoded);
  }
  writeAscii(encoded);
}

// ---- Fast path: the engine's JSON.stringify, then PHP's differences ---------------------------------
//
// JSON.stringify writes what PHP writes except for three things: `/` and non-ASCII characters are not
// escaped, and integral floats lose their `.0`. Both escapes only occur inside strings, so one regex
// pass fixes them; integral floats are swapped for a sentinel string before stringifying and replaced
// after. Numbers JavaScript formats differently from PHP (exponent forms, |x| < 1e-4) send the payload
// to the byte-by-byte encoder above, which handles every case. Measured on SALE_NEW: 5.9 µs against
// 11.7 µs for the byte-by-byte encoder.

const NONCE = Math.random().toString(36).slice(2, 10);
const SENTINEL_PREFIX = `__php_float_${NONCE}_`;
// Numbers JavaScript writes unlike PHP: exponent forms (JavaScript always writes `e+`/`e-` after a
// digit) and fixed forms below 1e-4. A match inside a string only costs a detour through the exact
// encoder, never a wrong byte. (A stricter token regex cost 2.7 µs a body; this one 0.7 µs.)
const SUSPICIOUS_NUMBER = /\de[+-]|0\.0000/;

interface FloatSite {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  value: number;
}

function collectIntegralFloats(
  value: unknown,
  shape: FloatShape | true,
  sites: FloatSite[],
  holder: FloatSite['holder'] | null,
  key: string | number,
): void {
  if (shape === true) {
    if (holder !== null && typeof value === 'number' && Number.isInteger(value)) sites.push({ holder, key, value });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const item = shape['[]'];
    if (item !== undefined) for (let i = 0; i < value.length; i++) collectIntegralFloats(value[i], item, sites, value, i);
    return;
  }
  for (const name in shape) {
    if (name === '[]') continue;
    const child = (value as Record<string, unknown>)[name];
    if (child !== undefined) collectIntegralFloats(child, shape[name]!, sites, value as Record<string, unknown>, name);
  }
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

function escapeNonAscii(match: string): string {
  const code = match.charCodeAt(0);
  return '\\u' + HEX[(code >> 12) & 15]! + HEX[(code >> 8) & 15]! + HEX[(code >> 4) & 15]! + HEX[code & 15]!;
}

/**
 * Encodes a JSON-compatible value into the exact bytes systeme.io would send.
 * @example encodePhpJson({ url: 'https://a.io', vat: 0 }, { vat: true }) // '{"url":"https:\/\/a.io","vat":0.0}'
 */
export function encodePhpJson(value: unknown, floats?: FloatShape): string {
  const sites: FloatSite[] = [];
  if (floats !== undefined) collectIntegralFloats(value, floats, sites, null, '');
  let json: string | undefined;
  let swapped = 0;
  try {
    for (; swapped < sites.length; swapped++) {
      const site = sites[swapped]!;
      // A frozen payload throws here (strict mode): restore what was swapped, take the exact encoder.
      (site.holder as Record<string | number, unknown>)[site.key] = SENTINEL_PREFIX + swapped + '__';
    }
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  } finally {
    for (let i = 0; i < swapped; i++) (sites[i]!.holder as Record<string | number, unknown>)[sites[i]!.key] = sites[i]!.value;
  }
  if (json === undefined || SUSPICIOUS_NUMBER.test(json)) return encodePhpJsonByteByByte(value, floats);
  // Native string operations for the common cases; the callback replace only when non-ASCII is present.
  let out = json.replaceAll('/', '\\/');
  if (NON_ASCII.test(out)) out = out.replace(NON_ASCII_ALL, escapeNonAscii);
  for (let i = 0; i < sites.length; i++) out = out.replace(`"${SENTINEL_PREFIX}${i}__"`, encodePhpNumber(sites[i]!.value, true));
  return out;
}

/** The reference encoder, byte by byte: handles every value, including the numbers the fast path defers. */
export function encodePhpJsonByteByByte(value: unknown, floats?: FloatShape): string {
  const start = position;
  try {
    writeValue(value, floats);
  } catch (error) {
    position = start;
    throw error;
  }
  return takeOutput(start);
}

function writeValue(value: unknown, floats: FloatShape | true | undefined): void {
  switch (typeof value) {
    case 'string':
      writeString(value);
      return;
    case 'number':
      writeAscii(encodePhpNumber(value, floats === true));
      return;
    case 'boolean':
      writeAscii(value ? 'true' : 'false');
      return;
    case 'object': {
      if (value === null) {
        writeAscii('null');
        return;
      }
      const shape = floats === true ? undefined : floats;
      if (Array.isArray(value)) {
        const itemShape = shape?.['[]'];
        reserve(1);
        bytes[position++] = 0x5b; // [
        for (let i = 0; i < value.length; i++) {
          if (i > 0) {
            reserve(1);
            bytes[position++] = 0x2c;
          }
          writeValue(value[i], itemShape);
        }
        reserve(1);
        bytes[position++] = 0x5d; // ]
        return;
      }
      reserve(1);
      bytes[position++] = 0x7b; // {
      let first = true;
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const child = (value as Record<string, unknown>)[key];
        if (child === undefined) continue;
        if (!first) {
          reserve(1);
          bytes[position++] = 0x2c;
        }
        first = false;
        writeKey(key);
        writeValue(child, shape?.[key]);
      }
      reserve(1);
      bytes[position++] = 0x7d; // }
      return;
    }
    default:
      throw new TypeError(`Failed to encode a value of type ${typeof value}: only JSON values can be encoded.`);
  }
}
