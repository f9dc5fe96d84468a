import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/errors.js';
import { generate } from '../../src/generate/generator.js';
import { TEMPLATE_LIMITS } from '../../src/catalog/compile-template.js';
import { customTrigger } from '../../src/catalog/triggers.js';

// A trigger of the test's own templates: typed ids take it through the escape hatch.
const HOSTILE = customTrigger('x.hostile');
import { runCli } from '../support/cli.js';

/** A folder with one user template `a.json` for trigger `x.hostile`; `body` is JSON text, written as is. */
function templateWithBody(bodyText: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-hostile-'));
  const file = join(dir, 'a.json');
  writeFileSync(file, `{"trigger":{"id":"x.hostile","dialect":"automation","wireName":"x.hostile"},"body":${bodyText}}`);
  return { dir, file };
}

function errorOf(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw new Error(`expected a TemplateError, got ${String(error)}`);
  }
  throw new Error('expected a TemplateError, nothing was thrown');
}

/** PHP's own json_decode + json_encode of the bytes: an independent oracle of what systeme.io would send. */
function phpReencode(body: string): string {
  return execFileSync('php', ['-r', 'echo json_encode(json_decode(stream_get_contents(STDIN), true), JSON_PRESERVE_ZERO_FRACTION);'], {
    input: body,
    encoding: 'utf8',
  });
}

describe('a "__proto__" key in a template is data (issue 10, case 14)', () => {
  const body = '{"type":"x.hostile","__proto__":{"email":"{{contact.email}}","vat":"{{sale.order.vat | float}}"},"after":1}';

  it('is an own key of the payload, in its place in the bytes, and the prototype is untouched', () => {
    const { dir } = templateWithBody(body);
    const event = generate(HOSTILE, { seed: 1, templatesDir: dir });
    // Event #0 of every trigger without effects names the same contact of the world (a sale picks a buyer).
    const contact = generate('CONTACT_OPT_IN', { seed: 1 }).payload.contact.email;
    const payload = event.payload as Record<string, unknown>;
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.keys(payload)).toEqual(['type', '__proto__', 'after']);
    expect(Object.getOwnPropertyDescriptor(payload, '__proto__')?.value).toEqual({ email: contact, vat: expect.any(Number) });
    expect(event.body).toMatch(
      new RegExp(`^\\{"type":"x\\.hostile","__proto__":\\{"email":"${contact.replace(/\./g, '\\.')}","vat":\\d+\\.\\d+\\},"after":1\\}$`),
    );
    // Nothing leaked into Object.prototype (the float shape is null-prototype too).
    expect(({} as Record<string, unknown>)['email']).toBeUndefined();
    expect(({} as Record<string, unknown>)['vat']).toBeUndefined();
    // PHP decodes and re-encodes the same bytes: the key is plain data to systeme.io's side as well.
    expect(phpReencode(event.body)).toBe(event.body);
  });

  it('survives --pretty and --set in the CLI', () => {
    const { dir } = templateWithBody(body);
    const plain = runCli(['generate', 'x.hostile', '--seed', '1', '--templates', dir]);
    expect(plain.status).toBe(0);
    const pretty = runCli(['generate', 'x.hostile', '--seed', '1', '--templates', dir, '--pretty']);
    expect(pretty.status).toBe(0);
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(plain.stdout));
    expect(pretty.stdout).toContain('  "__proto__": {\n    "email": ');
    const set = runCli(['generate', 'x.hostile', '--seed', '1', '--templates', dir, '--set', '__proto__.email=a@b.co']);
    expect(set.status).toBe(0);
    expect(set.stdout).toMatch(/^\{"type":"x\.hostile","__proto__":\{"email":"a@b\.co","vat":\d+\.\d+\},"after":1\}\n$/);
  });

  it('can be replaced whole by a library override, still as an own key', () => {
    const { dir } = templateWithBody(body);
    const overrides = JSON.parse('{"__proto__":{"email":"x@y.z","vat":2}}') as Record<string, unknown>;
    const event = generate(HOSTILE, { seed: 1, templatesDir: dir, overrides });
    expect(event.body).toBe('{"type":"x.hostile","__proto__":{"email":"x@y.z","vat":2.0},"after":1}');
    expect(Object.getPrototypeOf(event.payload)).toBe(Object.prototype);
  });
});

describe('placeholders read only the world (issue 10, case 15)', () => {
  const cases: Array<[placeholder: string, reason: string]> = [
    ['contact.toString', 'reads "toString", which every JavaScript value inherits, not a value of the world.'],
    ['contact.__proto__', 'reads "__proto__", which every JavaScript value inherits, not a value of the world.'],
    ['contact.constructor.name', 'reads "constructor", which every JavaScript value inherits, not a value of the world.'],
    ['sale.hasOwnProperty', 'reads "hasOwnProperty", which every JavaScript value inherits, not a value of the world.'],
    ['contact.tags.map', 'names a function, not a value of the world.'],
    ['contact.email.trim', 'names a function, not a value of the world.'],
    ['rngFor', 'names a function, not a value of the world.'],
    ['rngFor.name', 'names a function, not a value of the world.'],
  ];
  it.each(cases)('{{%s}}: a TemplateError naming the file and the placeholder', (placeholder, reason) => {
    const { dir, file } = templateWithBody(`{"v":"{{${placeholder}}}"}`);
    const error = errorOf(() => generate(HOSTILE, { seed: 1, templatesDir: dir }));
    expect(error.message).toBe(
      `Failed to load template ${file} at $.body.v: "{{${placeholder}}}" ${reason} See the template docs for the values a template can use.`,
    );
    expect(error.file).toBe(file);
    expect(error.exitCode).toBe(2);
  });

  it('still reads the scope class getters, lists in $each and an own length', () => {
    const { dir } = templateWithBody(
      '{"email":"{{contact.email}}","n":"{{contact.email.length}}","tags":{"$each":"contact.tags","as":"t","item":"{{t.name}}"}}',
    );
    const event = generate(HOSTILE, { seed: 3, templatesDir: dir });
    const payload = event.payload as { email: string; n: number; tags: string[] };
    expect(payload.n).toBe(payload.email.length);
    expect(payload.email).toMatch(/^[^@]+@[^@]+$/);
    expect(Array.isArray(payload.tags)).toBe(true);
  });

  it('the CLI prints the one-line TemplateError, exit 2, instead of "Unexpected failure"', () => {
    const { dir, file } = templateWithBody('{"v":"{{contact.toString}}"}');
    const result = runCli(['generate', 'x.hostile', '--seed', '1', '--templates', dir]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `systeme-mock: Failed to load template ${file} at $.body.v: "{{contact.toString}}" reads "toString", which every JavaScript value inherits, not a value of the world. See the template docs for the values a template can use.\n`,
    );
  });
});

describe('depth and output limits of the template compiler (issue 10, case 16)', () => {
  function nestedEach(levels: number, list: string): string {
    let node = '{"id":"{{t0.id}}"}';
    for (let i = levels - 1; i >= 0; i--) node = `{"$each":"${list}","as":"t${i}","item":${node}}`;
    return node;
  }

  it('nested $each 18 levels deep: the $each limit, at compile time', () => {
    const { dir, file } = templateWithBody(nestedEach(18, 'contact.tags'));
    const before = process.memoryUsage().rss;
    const error = errorOf(() => generate(HOSTILE, { seed: 1, templatesDir: dir }));
    expect(error.message).toBe(
      `Failed to load template ${file} at $.body${'.item'.repeat(8)}: $each nests deeper than 8 levels (the $each limit): each one multiplies the output. Nest fewer $each.`,
    );
    expect(TEMPLATE_LIMITS.eachDepth).toBe(8);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('$each within the nesting limit but multiplying past the item limit: stopped while rendering', () => {
    const { dir, file } = templateWithBody(nestedEach(8, 'account.tags'));
    const before = process.memoryUsage().rss;
    const error = errorOf(() => generate(HOSTILE, { seed: 1, templatesDir: dir }));
    expect(error.message).toBe(
      `Failed to load template ${file} at $.body${'.item'.repeat(7)}: $each "account.tags" takes one event past 100000 list items (the output limit). Nest fewer $each.`,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024);
    // The bytes path (renderBytes) counts the same way.
    expect(() => generate(HOSTILE, { seed: 1, templatesDir: dir }).body).toThrow('(the output limit)');
  });

  it('the item count is per event: every event of a run starts again from zero', () => {
    const { dir } = templateWithBody(nestedEach(2, 'account.tags'));
    const tags = generate(HOSTILE, { seed: 1, templatesDir: dir }).payload as unknown as unknown[][];
    const perEvent = tags.length * tags.length;
    expect(perEvent).toBeGreaterThan(0);
    const runs = Math.ceil(TEMPLATE_LIMITS.items / perEvent) + 2;
    for (let index = 0; index < runs; index++) expect(generate(HOSTILE, { seed: 1, index, templatesDir: dir }).body).toMatch(/^\[\[/);
  });

  it.each([
    ['objects', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), '$.body' + '.a'.repeat(57) + '...'],
    ['arrays', '['.repeat(20_000) + ']'.repeat(20_000), '$.body' + '[0]'.repeat(38) + '...'],
  ])('a template 20,000 %s deep: the depth limit, naming the file', (_kind, bodyText, at) => {
    const { dir, file } = templateWithBody(bodyText);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThan(40_000);
    const error = errorOf(() => generate(HOSTILE, { seed: 1, templatesDir: dir }));
    expect(error.message).toBe(
      `Failed to load template ${file} at ${at}: the template nests deeper than 64 levels (the depth limit). Flatten it.`,
    );
    expect(error.message).not.toContain('\n');
  });

  it('the CLI prints the depth error as one line, exit 2, nothing on stdout', () => {
    const { dir, file } = templateWithBody('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
    const result = runCli(['generate', 'x.hostile', '--seed', '1', '--templates', dir]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `systeme-mock: Failed to load template ${file} at $.body${'.a'.repeat(57)}...: the template nests deeper than 64 levels (the depth limit). Flatten it.\n`,
    );
  });

  it('a template at the depth limit still compiles', () => {
    const { dir } = templateWithBody('{"a":'.repeat(TEMPLATE_LIMITS.depth - 1) + '1' + '}'.repeat(TEMPLATE_LIMITS.depth - 1));
    expect(generate(HOSTILE, { seed: 1, templatesDir: dir }).body).toBe(
      '{"a":'.repeat(TEMPLATE_LIMITS.depth - 1) + '1' + '}'.repeat(TEMPLATE_LIMITS.depth - 1),
    );
  });
});
