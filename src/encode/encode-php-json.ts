/**
 * JSON bytes as PHP's `json_encode` writes them with systeme.io's flags (reference §2): compact, `/`
 * escaped as `\/`, everything outside ASCII as lowercase `\uXXXX` (astral characters as surrogate pairs,
 * which is what UTF-16 strings already hold), and floats keeping a zero fraction (`0.0`).
 *
 * JavaScript has one number type, so which numbers are PHP floats comes from a {@link FloatShape}: a tree
 * mirroring the payload whose `true` leaves mark float fields. The output is pure ASCII, so the string's
 * length is its byte length and `Buffer.from(body, 'latin1')` is the exact body.
 */

/** Marks the float fields of a payload: `{ data: { order: { vat: true } } }`; `'[]'` stands for any array item. */
export interface FloatShape {
  readonly [key: string]: FloatShape | true;
}

const NEEDS_ESCAPE = /["\\/\u0000-\u001f\u007f-\uffff]/;
const HEX = '0123456789abcdef';

function escapeChar(code: number): string {
  switch (code) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x2f:
      return '\\/';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    default:
      return (
        '\\u' + HEX[(code >> 12) & 15]! + HEX[(code >> 8) & 15]! + HEX[(code >> 4) & 15]! + HEX[code & 15]!
      );
  }
}

/** Encodes one string the way PHP does, quotes included. */
export function encodePhpString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return '"' + value + '"';
  let out = '"';
  let runStart = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // DEL (0x7f) is plain ASCII for PHP; it is only in the regex to keep the range contiguous.
    if (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c && code !== 0x2f) continue;
    if (code === 0x7f) continue;
    out += value.slice(runStart, i) + escapeChar(code);
    runStart = i + 1;
  }
  return out + value.slice(runStart) + '"';
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

/** Encodes a JSON-compatible value into the exact bytes systeme.io would send. */
export function encodePhpJson(value: unknown, floats?: FloatShape): string {
  return encodeValue(value, floats);
}

function encodeValue(value: unknown, floats: FloatShape | true | undefined): string {
  switch (typeof value) {
    case 'string':
      return encodePhpString(value);
    case 'number':
      return encodePhpNumber(value, floats === true);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const shape = floats === true ? undefined : floats;
      if (Array.isArray(value)) {
        const itemShape = shape?.['[]'];
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += encodeValue(value[i], itemShape);
        }
        return out + ']';
      }
      let out = '{';
      let first = true;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const child = (value as Record<string, unknown>)[key];
        if (child === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += encodePhpString(key) + ':' + encodeValue(child, shape?.[key]);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`Failed to encode a value of type ${typeof value}: only JSON values can be encoded.`);
  }
}
