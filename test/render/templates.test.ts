import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTriggers, loadCatalog } from '../../src/catalog/catalog.js';
import { customTrigger } from '../../src/catalog/triggers.js';
import { TemplateError } from '../../src/errors.js';
import { generate } from '../../src/generate/generator.js';
import { encodePhpJson } from '../../src/encode/encode-php-json.js';
import { compileBody } from '../../src/catalog/compile-template.js';

function templatesDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-templates-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('custom templates (--templates DIR)', () => {
  it('adds a trigger systeme.io ships tomorrow', () => {
    const dir = templatesDir({
      'automation/contact.meeting.scheduled.json': {
        trigger: {
          id: 'contact.meeting.scheduled',
          dialect: 'automation',
          wireName: 'contact.meeting.scheduled',
          description: 'A meeting was booked.',
        },
        body: {
          type: 'contact.meeting.scheduled',
          data: { contact: { id: '{{contact.id}}', email: '{{contact.email}}' }, at: '{{event.createdAt}}' },
        },
      },
    });
    const trigger = listTriggers({ templatesDir: dir }).at(-1)!;
    expect(trigger).toEqual({
      id: 'contact.meeting.scheduled',
      dialect: 'automation',
      wireName: 'contact.meeting.scheduled',
      variant: null,
      schemaVersion: null,
      description: 'A meeting was booked.',
      template: 'automation/contact.meeting.scheduled.json',
      effects: {},
    });
    const event = generate(customTrigger('contact.meeting.scheduled'), { seed: 1, templatesDir: dir });
    // Event #0 of every trigger without effects is about the same contact of the world.
    const tagged = generate('CONTACT_OPT_IN', { seed: 1 });
    expect(event.body).toBe(
      `{"type":"contact.meeting.scheduled","data":{"contact":{"id":${tagged.payload.contact.id},"email":"${tagged.payload.contact.email}"},"at":"${(event.payload as { data: { at: string } }).data.at}"}}`,
    );
  });

  it('declares what a custom trigger does to the world in "effects", checked key by key', () => {
    const contact = {
      id: '{{contact.id}}',
      registeredAt: '{{contact.registeredAt}}',
      tags: { $each: 'contact.tags', as: 't', item: '{{t.id}}' },
    };
    const dir = templatesDir({
      'webhooks/CONTACT_TAGGED_TWICE.json': {
        trigger: { id: 'CONTACT_TAGGED_TWICE', dialect: 'webhooks', wireName: 'CONTACT_TAGGED_TWICE' },
        effects: { tag: 'add' },
        body: { contact, tag: '{{tag.id}}' },
      },
      'webhooks/CONTACT_IMPORTED.json': {
        trigger: { id: 'CONTACT_IMPORTED', dialect: 'webhooks', wireName: 'CONTACT_IMPORTED' },
        effects: { registersContact: true },
        body: { contact, at: '{{event.createdAt}}' },
      },
    });
    expect(
      listTriggers({ templatesDir: dir })
        .slice(-2)
        .map((t) => [t.id, t.effects]),
    ).toEqual([
      ['CONTACT_IMPORTED', { registersContact: true }],
      ['CONTACT_TAGGED_TWICE', { tag: 'add' }],
    ]);
    for (let index = 0; index < 20; index++) {
      const tagged = generate(customTrigger('CONTACT_TAGGED_TWICE'), { seed: 2, index, templatesDir: dir }).payload as {
        contact: { tags: number[] };
        tag: number;
      };
      expect(tagged.contact.tags).toContain(tagged.tag);
      const imported = generate(customTrigger('CONTACT_IMPORTED'), { seed: 2, index, templatesDir: dir }).payload as {
        contact: { registeredAt: string };
        at: string;
      };
      expect(imported.contact.registeredAt).toBe(imported.at);
    }
    const bad = templatesDir({
      'x.json': { trigger: { id: 'X', dialect: 'webhooks', wireName: 'X' }, effects: { tag: 'toggle' }, body: {} },
    });
    expect(() => listTriggers({ templatesDir: bad })).toThrow(
      `Failed to load template ${join(bad, 'x.json')} at $.effects.tag: must be "add" or "remove", got "toggle".`,
    );
    const unknown = templatesDir({ 'y.json': { trigger: 'SALE_NEW', effects: { refunds: true }, body: {} } });
    expect(() => listTriggers({ templatesDir: unknown })).toThrow(
      `Failed to load template ${join(unknown, 'y.json')} at $.effects.refunds: is not an effect. Use tag, registersContact, sale.`,
    );
  });

  it('replaces a built-in trigger by naming its id', () => {
    const dir = templatesDir({
      'sale.json': { trigger: 'SALE_NEW', body: { id: '{{sale.order.id}}', total: '{{sale.order.totalPrice | float}}' } },
    });
    const event = generate('SALE_NEW', { seed: 1, templatesDir: dir });
    expect(event.body).toMatch(/^\{"id":\d+,"total":\d+\.\d+\}$/);
    expect(loadCatalog({ templatesDir: dir }).list()).toHaveLength(17);
  });

  it('reports invalid JSON with the file', () => {
    const dir = templatesDir({ 'broken.json': '{"trigger": "SALE_NEW", ' });
    expect(() => listTriggers({ templatesDir: dir })).toThrow(TemplateError);
    expect(() => listTriggers({ templatesDir: dir })).toThrow(`Failed to load template ${join(dir, 'broken.json')} at $: invalid JSON (`);
  });

  it('reports a missing body and an unknown built-in id with their JSON paths', () => {
    const noBody = templatesDir({ 'a.json': { trigger: 'SALE_NEW' } });
    expect(() => listTriggers({ templatesDir: noBody })).toThrow(
      `Failed to load template ${join(noBody, 'a.json')} at $.body: missing. Put the payload shape under "body".`,
    );
    const unknown = templatesDir({ 'b.json': { trigger: 'SALE_NEWW', body: {} } });
    expect(() => listTriggers({ templatesDir: unknown })).toThrow(
      `Failed to load template ${join(unknown, 'b.json')} at $.trigger: "SALE_NEWW" is not a built-in trigger. To add one, describe it: {"id", "dialect", "wireName"}.`,
    );
    const badDialect = templatesDir({ 'c.json': { trigger: { id: 'x', dialect: 'zapier', wireName: 'x' }, body: {} } });
    expect(() => listTriggers({ templatesDir: badDialect })).toThrow(
      `Failed to load template ${join(badDialect, 'c.json')} at $.trigger.dialect: "zapier" is not a dialect. Use "automation" or "webhooks".`,
    );
  });

  it('reports a folder that does not exist', () => {
    expect(() => listTriggers({ templatesDir: '/nonexistent/templates' })).toThrow(
      "Failed to read --templates /nonexistent/templates: ENOENT: no such file or directory, stat '/nonexistent/templates'. Pass a folder of template .json files.",
    );
  });
});

describe('template errors name the file and the JSON path', () => {
  const render = (body: unknown) => compileBody(body, 'my.json').render({ contact: { id: 1, email: 'a@b.co' }, sale: { coupon: null } });

  it('a malformed placeholder', () => {
    expect(() => render({ data: { email: 'mail: {{contact.email}}' } })).toThrow(
      'Failed to load template my.json at $.body.data.email: "mail: {{contact.email}}" is not a placeholder. Write the whole string as "{{path.to.value}}" or "{{path | float}}".',
    );
  });

  it('a placeholder that names nothing', () => {
    expect(() => render({ list: [1, { x: '{{contact.mail}}' }] })).toThrow(
      'Failed to load template my.json at $.body.list[1].x: "{{contact.mail}}" names nothing in the world. See the template docs for the values a template can use.',
    );
  });

  it('an unknown directive and a directive missing its parts', () => {
    expect(() => render({ a: { $maybe: 'sale.coupon' } })).toThrow(
      'Failed to load template my.json at $.body.a: unknown directive "$maybe". Use $nullable, $each or $switch.',
    );
    expect(() => render({ a: { $nullable: 'sale.coupon' } })).toThrow(
      'Failed to load template my.json at $.body.a: $nullable needs "value".',
    );
    expect(() => render({ a: { $each: 'contact.id', as: 'x', item: 1 } })).toThrow(
      'Failed to load template my.json at $.body.a: $each "contact.id" is not a list in the world.',
    );
  });

  it('renders $nullable, $each and $switch', () => {
    const body = compileBody(
      {
        c: { $nullable: 'coupon', value: { code: '{{coupon.code}}' } },
        items: { $each: 'items', as: 'it', item: { $switch: 'it.kind', cases: { a: { a: '{{it.v}}' }, b: ['{{it.v}}'] } } },
      },
      'x.json',
    );
    expect(
      body.render({
        coupon: null,
        items: [
          { kind: 'a', v: 1 },
          { kind: 'b', v: 2 },
        ],
      }),
    ).toEqual({ c: null, items: [{ a: 1 }, [2]] });
    expect(body.render({ coupon: { code: 'Z' }, items: [] })).toEqual({ c: { code: 'Z' }, items: [] });
    expect([...body.paths]).toEqual(['c', 'c.code', 'items', 'items.[]', 'items.[].a', 'items.[].[]']);
  });

  it('renders straight to bytes exactly as encoding the rendered object', () => {
    const body = compileBody(
      {
        lit: ['a/b', 'é', 0, 1.5, true, null, {}, []],
        f: '{{n | float}}',
        m: '{{map}}',
        c: { $nullable: 'coupon', value: { code: '{{coupon.code}}' } },
        items: { $each: 'items', as: 'it', item: { $switch: 'it.kind', cases: { a: { a: '{{it.v}}' }, b: ['{{it.v | float}}'] } } },
      },
      'x.json',
    );
    const scopes = [
      { n: 2, map: [], coupon: null, items: [] },
      {
        n: 2.25,
        map: { 'k/1': 'ü', k2: '🎉' },
        coupon: { code: 'Z"1' },
        items: [
          { kind: 'a', v: 'x' },
          { kind: 'b', v: 3 },
        ],
      },
    ];
    for (const scope of scopes) expect(body.renderBytes(scope)).toBe(encodePhpJson(body.render(scope), body.floats));
    expect(body.renderBytes(scopes[1]!)).toBe(
      '{"lit":["a\\/b","\\u00e9",0,1.5,true,null,{},[]],"f":2.25,"m":{"k\\/1":"\\u00fc","k2":"\\ud83c\\udf89"},"c":{"code":"Z\\"1"},"items":[{"a":"x"},[3.0]]}',
    );
  });
});
