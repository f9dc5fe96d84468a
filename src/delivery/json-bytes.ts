// Works on JSON text without decoding it, so PHP's escapes (`\/`, `\u00e9`) and `0.0` survive untouched.

const INDENT = '    ';

function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t';
}

/**
 * Pretty-prints JSON the way PHP's `JSON_PRETTY_PRINT` does (4 spaces, `": "`, empty `[]`/`{}` kept),
 * copying every string and number byte for byte.
 * @example prettyPrintJsonText('{"a":[],"b":"x\\/y"}') // '{\n    "a": [],\n    "b": "x\\/y"\n}'
 */
export function prettyPrintJsonText(text: string): string {
  let out = '';
  let depth = 0;
  let i = 0;
  const nextSignificant = (from: number): string | undefined => {
    let j = from;
    while (j < text.length && isSpace(text[j])) j++;
    return text[j];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const closer = c === '{' ? '}' : ']';
      if (nextSignificant(i + 1) === closer) {
        out += c + closer;
        i = text.indexOf(closer, i + 1) + 1;
        continue;
      }
      depth++;
      out += c + '\n' + INDENT.repeat(depth);
    } else if (c === '}' || c === ']') {
      depth--;
      out += '\n' + INDENT.repeat(depth) + c;
    } else if (c === ',') {
      out += ',\n' + INDENT.repeat(depth);
    } else if (c === ':') {
      out += ': ';
    } else {
      out += c;
    }
    i++;
  }
  return out;
}

/**
 * Where the value of a top-level key sits in a JSON object's text: [start, end) of its raw token, or
 * null when the key is absent or its value is not a string.
 */
export function findTopLevelStringValue(text: string, key: string): [start: number, end: number] | null {
  const wanted = JSON.stringify(key);
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i);
      if (depth === 1 && text.slice(i, end) === wanted) {
        let j = end;
        while (isSpace(text[j])) j++;
        if (text[j] === ':') {
          j++;
          while (isSpace(text[j])) j++;
          if (text[j] !== '"') return null;
          return [j, skipString(text, j)];
        }
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return null;
}
