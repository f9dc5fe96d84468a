import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCaptureFile, readCaptures } from '../../src/capture/read-captures.js';
import { DOCUMENTED_EXAMPLES } from '../../src/catalog/documented-examples.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SALE = DOCUMENTED_EXAMPLES.find((e) => e.trigger === 'SALE_NEW')!;

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('readCaptures', () => {
  it('reads a raw body: its exact bytes, less the final newline an editor adds', () => {
    const [delivery, ...rest] = readCaptures(Buffer.from(SALE.body + '\n'), 'sale.json');
    expect(rest).toEqual([]);
    expect(delivery!.form).toBe('raw');
    expect(delivery!.hasHeaders).toBe(false);
    expect(delivery!.body.toString('utf8')).toBe(SALE.body);
    expect(delivery!.exactBytes).toBe(true);
    expect(delivery!.notes).toEqual(['a final newline was dropped: json_encode writes none']);
  });

  it('reads NDJSON: one delivery per line, each line its exact bytes, named file:line', () => {
    const deliveries = readCaptureFile(`${FIXTURES}seed-2021.ndjson`);
    expect(deliveries).toHaveLength(11);
    expect(deliveries.map((d) => d.source.slice(FIXTURES.length))).toEqual(
      Array.from({ length: 11 }, (_, i) => `seed-2021.ndjson:${i + 1}`),
    );
    const seed = DOCUMENTED_EXAMPLES.filter((e) => e.source.startsWith('SEED'));
    expect(deliveries.map((d) => d.body.toString('utf8'))).toEqual(seed.map((e) => e.body));
    expect(deliveries.every((d) => d.form === 'ndjson' && d.exactBytes && !d.hasHeaders)).toBe(true);
  });

  it('reads {headers, body} JSON: header names lowercased, a body given as text keeps its exact bytes', () => {
    const [delivery] = readCaptureFile(`${FIXTURES}sale-new-2026.json`);
    expect(delivery!.form).toBe('wrapped');
    expect(delivery!.headers['x-webhook-event']).toBe('SALE_NEW');
    expect(delivery!.body.toString('utf8')).toBe(SALE.body);
    expect(delivery!.exactBytes).toBe(true);
    const [upper] = readCaptures(
      Buffer.from(JSON.stringify({ headers: [{ name: 'X-Webhook-Event', value: 'SALE_NEW' }], body: SALE.body })),
      'har-style.json',
    );
    expect(upper!.headers).toEqual({ 'x-webhook-event': 'SALE_NEW' });
  });

  it('re-encodes a body given as parsed JSON the way PHP writes it, and says the bytes are not exact', () => {
    const [delivery] = readCaptures(
      Buffer.from(JSON.stringify({ capturedAt: 'x', headers: {}, body: JSON.parse(SALE.body) as unknown })),
      'fixture.json',
    );
    // The CAP body was written by json_encode: re-encoding it gives the same bytes, except what JSON.parse lost (0.0 -> 0).
    expect(delivery!.body.toString('utf8')).toBe(SALE.body.replace('"vat":0.0', '"vat":0'));
    expect(delivery!.exactBytes).toBe(false);
    expect(delivery!.notes[0]).toMatch(/^body stored as parsed JSON, not as text/);
  });

  it('reads a JSON array of bodies (generate --format json)', () => {
    const deliveries = readCaptures(
      Buffer.from(JSON.stringify([JSON.parse(SALE.body), { headers: { 'x-webhook-event': 'SALE_NEW' }, body: SALE.body }])),
      'all.json',
    );
    expect(deliveries.map((d) => [d.source, d.form, d.exactBytes])).toEqual([
      ['all.json[0]', 'array', false],
      ['all.json[1]', 'array', true],
    ]);
  });

  it('reads the POSTs of a HAR file: text as UTF-8, base64 when the tool says so, and flags a body size the text does not give', () => {
    const body = '{"a":"caf\u00e9"}';
    const har = {
      log: {
        entries: [
          { request: { method: 'GET', url: 'http://x/', headers: [] } },
          {
            request: {
              method: 'POST',
              url: 'http://x/hook',
              headers: [{ name: 'Content-Type', value: 'application/json' }],
              bodySize: 13,
              postData: { mimeType: 'application/json', text: body },
            },
          },
          {
            request: {
              method: 'POST',
              url: 'http://x/hook',
              headers: [],
              bodySize: 13,
              postData: { mimeType: 'application/json', text: Buffer.from(body).toString('base64'), encoding: 'base64' },
            },
          },
          // A tool that decoded the bytes as Latin-1: "é" became two characters, four bytes in UTF-8 (13 become 15).
          {
            request: {
              method: 'POST',
              url: 'http://x/hook',
              headers: [],
              bodySize: 13,
              postData: { mimeType: 'application/json', text: Buffer.from(body).toString('latin1') },
            },
          },
        ],
      },
    };
    const deliveries = readCaptures(Buffer.from(JSON.stringify(har)), 'x.har');
    expect(deliveries.map((d) => [d.source, d.body.length, d.exactBytes])).toEqual([
      ['x.har#entries[1]', 13, true],
      ['x.har#entries[2]', 13, true],
      ['x.har#entries[3]', 15, false],
    ]);
    expect(deliveries[0]!.body.equals(Buffer.from(body))).toBe(true);
    expect(deliveries[2]!.notes).toEqual([
      'the HAR says the body had 13 bytes but its text encodes to 15 in UTF-8: the exact bytes are lost (the tool decoded them as another charset), so a signature check is unreliable',
    ]);
  });

  it('fails on unreadable input with one line naming the file and what to pass', () => {
    expect(failure(() => readCaptureFile('missing.json'))).toBe(
      'Failed to read capture missing.json: no such file. Check the path, or pass - to read standard input.',
    );
    expect(failure(() => readCaptures(Buffer.from('{"a":'), 'cut.json'))).toBe(
      'Failed to read capture cut.json: it is not JSON (Unexpected end of JSON input). Pass a raw body, NDJSON of bodies, {"headers", "body"} JSON or a HAR file.',
    );
    expect(failure(() => readCaptures(Buffer.from('{"a":1}\n{"b":\n'), 'cut.ndjson'))).toBe(
      'Failed to read capture cut.ndjson: line 2 is not JSON (Unexpected end of JSON input). NDJSON holds one JSON body per line.',
    );
    expect(failure(() => readCaptures(Buffer.from('  \n'), 'blank.json'))).toBe(
      'Failed to read capture blank.json: it is empty. Pass a raw body, NDJSON of bodies, {"headers", "body"} JSON or a HAR file.',
    );
    expect(failure(() => readCaptures(Buffer.from('{"log":{"entries":[]}}'), 'empty.har'))).toBe(
      'Failed to read capture empty.har: the HAR file has 0 entries and no POST with a body. Record the HAR while the deliveries arrive, with their request bodies.',
    );
    expect(failure(() => readCaptures(Buffer.from('{"headers":{},"body":"{nope"}'), 'w.json'))).toMatch(
      /^Failed to read capture w\.json: the body at w\.json is not JSON \(.+\)\. Capture the body as systeme\.io sent it\.$/,
    );
    expect(readFileSync(`${FIXTURES}sale-new-2026.body.json`, 'utf8')).toBe(SALE.body);
  });
});
