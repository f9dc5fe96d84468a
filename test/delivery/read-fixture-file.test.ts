import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixtureFile } from '../../src/delivery/read-fixture-file.js';
import { SALE_BODY, TAG_BODY, trigger } from './bodies.js';

const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-fixtures-'));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const OPTIN_BLOG =
  '{"type":"contact.optin.completed","data":{"page_model":{"id":1,"name":"Blog","blog":{"id":2,"name":"B"}},"contact":{"id":3}},"account":{"email":"o@example.com"},"created_at":"2026-09-27T20:16:27+00:00"}';

describe('readFixtureFile', () => {
  it("keeps each line's bytes, names automation triggers from their type, skips blank lines and CR", () => {
    const lines = readFixtureFile(file('a.ndjson', `${TAG_BODY}\r\n\n${OPTIN_BLOG}\n`));
    expect(lines.map((l) => [l.line, l.trigger.id, l.body.toString()])).toEqual([
      [1, 'contact.tag.added', TAG_BODY],
      [3, 'contact.optin.completed:blog-page', OPTIN_BLOG],
    ]);
  });

  it('keeps non-ASCII bytes exactly', () => {
    const body = Buffer.from('{"contact":{"name":"Renée"}}');
    const lines = readFixtureFile(file('utf8.ndjson', body), { trigger: trigger('CONTACT_CREATED') });
    expect(lines[0]!.body.equals(body)).toBe(true);
  });

  it('needs the trigger for webhooks bodies, which do not name their event', () => {
    const path = file('b.ndjson', `${SALE_BODY}\n`);
    expect(() => readFixtureFile(path)).toThrow(
      `Failed to read --from ${path} at line 1: the body does not name its trigger (a webhooks-dialect body has no "type"). Nothing was sent; name the trigger, e.g. systeme-mock send SALE_NEW --from ${path}.`,
    );
    expect(readFixtureFile(path, { trigger: trigger('SALE_NEW') })[0]!.trigger.id).toBe('SALE_NEW');
  });

  it('names the first malformed line', () => {
    const path = file('c.ndjson', `${TAG_BODY}\n${TAG_BODY}\n{"type":\n${TAG_BODY}\n`);
    expect(() => readFixtureFile(path)).toThrow(
      new RegExp(`^Failed to read --from ${path} at line 3: not JSON \\(.+\\)\\. Nothing was sent; fix or remove the line\\.$`),
    );
  });

  it('names an unknown type and a missing or empty file', () => {
    const unknown = file('d.ndjson', '{"type":"contact.email.opened","data":{}}\n');
    expect(() => readFixtureFile(unknown)).toThrow(
      `Failed to read --from ${unknown} at line 1: the body's trigger is unknown type "contact.email.opened". Nothing was sent; name the trigger, e.g. systeme-mock send SALE_NEW --from ${unknown}.`,
    );
    expect(() => readFixtureFile(join(dir, 'nope.ndjson'))).toThrow(
      `Failed to read --from ${join(dir, 'nope.ndjson')}: it does not exist. Pass an NDJSON file with one body per line.`,
    );
    const empty = file('e.ndjson', '\n\n');
    expect(() => readFixtureFile(empty)).toThrow(
      `Failed to read --from ${empty}: it has no bodies. Pass an NDJSON file with one body per line.`,
    );
  });
});
