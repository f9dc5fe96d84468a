import { describe, expect, it } from 'vitest';
import { formatAtomDate, isAtomDate } from '../../src/encode/atom-date.js';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import {
  encodePhpJson,
  encodePhpJsonByteByByte,
  encodePhpNumber,
  encodePhpString,
  type FloatShape,
} from '../../src/encode/encode-php-json.js';
import { createGenerator } from '../../src/generate/generator.js';
import examples from '../support/documented-examples.json' with { type: 'json' };

describe('encodePhpString (PHP json_encode, default flags)', () => {
  it.each([
    ['a/b', '"a\\/b"'],
    ['https://x.systeme.io/466f06b8', '"https:\\/\\/x.systeme.io\\/466f06b8"'],
    ['créer', '"cr\\u00e9er"'],
    ['Comment créer un blog qui rapporte', '"Comment cr\\u00e9er un blog qui rapporte"'],
    ['🎉', '"\\ud83c\\udf89"'],
    ['a\u2013b', '"a\\u2013b"'],
    ['"quoted" \\ back', '"\\"quoted\\" \\\\ back"'],
    ['line\nnext\ttab\r\b\f', '"line\\nnext\\ttab\\r\\b\\f"'],
    ['\u0001\u001f', '"\\u0001\\u001f"'],
    ["<tag> & 'quote'", '"<tag> & \'quote\'"'],
    ['\u007f', '"\u007f"'],
    ['', '""'],
  ])('%j -> %s', (input, expected) => {
    expect(encodePhpString(input)).toBe(expected);
  });
});

describe('encodePhpNumber', () => {
  it.each([
    [0, true, '0.0'],
    [0, false, '0'],
    [583, false, '583'],
    [583, true, '583.0'],
    [16.67, true, '16.67'],
    [-2.5, false, '-2.5'],
    [0.1, true, '0.1'],
    [0.0001, true, '0.0001'],
    [0.00001, true, '1.0e-5'],
    [1.5e-7, true, '1.5e-7'],
    [1e25, true, '1.0e+25'],
    [1e16, true, '10000000000000000.0'],
  ])('%d (float: %s) -> %s', (value, isFloat, expected) => {
    expect(encodePhpNumber(value, isFloat)).toBe(expected);
  });

  it('refuses NaN with the reason', () => {
    expect(() => encodePhpNumber(Number.NaN, true)).toThrow("Failed to encode NaN: PHP's json_encode rejects NaN and infinity.");
  });
});

describe('encodePhpJson', () => {
  it('writes compact JSON, keeps key order and marks floats from the shape', () => {
    const value = { b: 1, a: [{ vat: 0, n: null, ok: true }], s: 'é/' };
    expect(encodePhpJson(value, { a: { '[]': { vat: true } } })).toBe('{"b":1,"a":[{"vat":0.0,"n":null,"ok":true}],"s":"\\u00e9\\/"}');
  });

  it('writes empty arrays and objects as PHP does', () => {
    expect(encodePhpJson({ fields: [], options: {} })).toBe('{"fields":[],"options":{}}');
  });

  it('reproduces the captured SALE_NEW bytes exactly (CAP)', () => {
    const captured = examples.webhooks.SALE_NEW;
    expect(encodePhpJson(JSON.parse(captured), { order: { vat: true } })).toBe(captured);
  });

  it('differs from JSON.stringify exactly where re-serializing receivers break', () => {
    const value = { url: 'https://a.io/x', name: 'é', vat: 0 };
    expect(encodePhpJson(value, { vat: true })).toBe('{"url":"https:\\/\\/a.io\\/x","name":"\\u00e9","vat":0.0}');
    expect(JSON.stringify(value)).toBe('{"url":"https://a.io/x","name":"é","vat":0}');
  });

  it('outputs pure ASCII, so the string length is the byte length', () => {
    const body = encodePhpJson({ s: 'Zoë 🎉 – ß' });
    expect(Buffer.byteLength(body, 'utf8')).toBe(body.length);
    expect(JSON.parse(body)).toEqual({ s: 'Zoë 🎉 – ß' });
  });
});

describe('encodePhpString', () => {
  it('equals the byte-by-byte reference for plain, slashed and escaped strings', () => {
    const strings = [
      '',
      'plain',
      'https://demo.systeme.io/466f06b8',
      '/',
      '//a//',
      'a"b',
      'back\\slash',
      'del\x7f',
      'tab\tnew\nline\r',
      '\u0000\u001f',
      'René',
      'Zoë/Øre',
      '東京',
      'party 🎉',
      'lone \ud800 surrogate',
      '~!#$%&()*+,-.:;<=>?@[]^_`{|}',
    ];
    expect(strings.map((text) => encodePhpString(text))).toEqual(strings.map((text) => encodePhpJsonByteByByte(text)));
    expect(encodePhpString('https://a.io/x')).toBe('"https:\\/\\/a.io\\/x"');
    expect(encodePhpString('del\x7f')).toBe('"del\x7f"');
  });
});

describe('ATOM dates', () => {
  it('formats second precision with an explicit +00:00 offset', () => {
    expect(formatAtomDate(Date.UTC(2021, 9, 5, 8, 10, 29, 987))).toBe('2021-10-05T08:10:29+00:00');
  });

  it('gives each second its own text in any call order, around midnight, leap days and before 1970', () => {
    const base = Date.UTC(2024, 1, 28, 23, 59, 59, 0);
    const calls: Array<[number, string]> = [
      [base, '2024-02-28T23:59:59+00:00'],
      [base + 999, '2024-02-28T23:59:59+00:00'],
      [base + 1000, '2024-02-29T00:00:00+00:00'],
      [base + 999, '2024-02-28T23:59:59+00:00'],
      [base + 86_401_000, '2024-03-01T00:00:00+00:00'],
      [-1, '1969-12-31T23:59:59+00:00'],
      [0, '1970-01-01T00:00:00+00:00'],
      [-1, '1969-12-31T23:59:59+00:00'],
    ];
    expect(calls.map(([ms]) => formatAtomDate(ms))).toEqual(calls.map(([, text]) => text));
    expect(formatAtomDate(new Date(base + 1500))).toBe('2024-02-29T00:00:00+00:00');
  });

  it('recognizes ATOM and rejects Z and milliseconds', () => {
    expect(isAtomDate('2021-10-05T08:10:29+00:00')).toBe(true);
    expect(isAtomDate('2021-10-05T08:10:29Z')).toBe(false);
    expect(isAtomDate('2021-10-05T08:10:29.000+00:00')).toBe(false);
  });
});

describe('the fast encoder equals the byte-by-byte reference', () => {
  const cases: Array<[unknown, FloatShape | undefined]> = [
    [{ tiny: 0.00001, big: 1e25, neg: -1.5e-7, plain: 0.5, int: 10 }, undefined],
    [{ v: 1e21, w: 123456789012345680000 }, { v: true }],
    [{ s: '1e5 is text', t: ':0.00001 in a string' }, undefined],
    [{ frozen: Object.freeze({ vat: 0 }) }, { frozen: { vat: true } }],
    [['/', 'é', '🎉', '\u0000', '\u007f', '\u2028'], undefined],
    [{ 'key/with/slash': 1, clé: 2 }, undefined],
    [{ a: [{ vat: 3 }, { vat: 2.5 }, { vat: null }] }, { a: { '[]': { vat: true } } }],
  ];

  it.each(cases.map((c, i) => [i, ...c] as const))('case %i', (_, value, shape) => {
    expect(encodePhpJson(value, shape)).toBe(encodePhpJsonByteByByte(value, shape));
  });

  it('on 120 generated payloads of every trigger (2,040)', () => {
    for (const trigger of BUILT_IN_TRIGGERS) {
      const { body: compiled } = loadCatalog().get(trigger.id);
      const generator = createGenerator({ seed: trigger.id });
      for (let i = 0; i < 120; i++) {
        const { payload, body } = generator.event(trigger.id, i);
        expect(body).toBe(encodePhpJsonByteByByte(payload, compiled.floats));
      }
    }
  });

  it('restores the payload it marks floats in', () => {
    const value = { order: { vat: 0 } };
    encodePhpJson(value, { order: { vat: true } });
    expect(value).toEqual({ order: { vat: 0 } });
  });
});
