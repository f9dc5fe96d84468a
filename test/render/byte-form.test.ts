import { describe, expect, it } from 'vitest';
import { type ByteSink, compileBody } from '../../src/catalog/compile-template.js';
import { encodePhpJson } from '../../src/encode/encode-php-json.js';
import { accountFor } from '../../src/world/account.js';

const template = {
  offer: {
    id: '{{sale.offer.id}}',
    name: '{{sale.offer.name}}',
    plan: { $nullable: 'sale.offer.plan', value: { every: '{{sale.offer.plan.every}}' } },
  },
  buyer: '{{contact.email}}',
};

function bytesOf(body: ReturnType<typeof compileBody>, scope: object): string {
  const sink: ByteSink = { buf: Buffer.alloc(8), pos: 3 };
  body.renderInto(scope, sink);
  return Buffer.from(sink.buf.subarray(3, sink.pos)).toString('latin1');
}

describe('the byte form of a template', () => {
  it('writes what the encoder writes for the object form, from any position, growing a small buffer', () => {
    const body = compileBody(template, 'bytes.json');
    const scope = { sale: { offer: { id: 7, name: 'Dé/marrage "pro"', plan: null } }, contact: { email: 'a@b.co' } };
    const expected = '{"offer":{"id":7,"name":"D\\u00e9\\/marrage \\"pro\\"","plan":null},"buyer":"a@b.co"}';
    expect(encodePhpJson(body.render(scope), body.floats)).toBe(expected);
    expect(bytesOf(body, scope)).toBe(expected);
    expect(body.renderBytes(scope)).toBe(expected);
  });

  it('writes a map of strings key by key and anything else whole through the encoder', () => {
    const body = compileBody({ fields: '{{contact.fields}}' }, 'fields.json');
    const cases: Array<[unknown, string]> = [
      [{ first_name: 'Zoé', city: 'Liège/Luik' }, '{"fields":{"first_name":"Zo\\u00e9","city":"Li\\u00e8ge\\/Luik"}}'],
      [{ first_name: 'Ann', age: 31, tags: ['a/b'] }, '{"fields":{"first_name":"Ann","age":31,"tags":["a\\/b"]}}'],
      [[], '{"fields":[]}'],
      [{}, '{"fields":{}}'],
    ];
    for (const [fields, expected] of cases) {
      const scope = { contact: { fields } };
      expect(bytesOf(body, scope)).toBe(expected);
      expect(encodePhpJson(body.render(scope), body.floats)).toBe(expected);
    }
  });

  it('encodes a frozen world object once and reuses its bytes; a mutable one is encoded every time', () => {
    const body = compileBody(template, 'bytes.json');
    const frozen = Object.freeze({ id: 1, name: 'Frozen', plan: Object.freeze({ every: 'month' }) });
    const mutable = { id: 2, name: 'Before', plan: { every: 'year' } };
    const scope = (offer: object) => ({ sale: { offer }, contact: { email: 'x@y.z' } });
    expect(bytesOf(body, scope(frozen))).toBe('{"offer":{"id":1,"name":"Frozen","plan":{"every":"month"}},"buyer":"x@y.z"}');
    expect(bytesOf(body, scope(mutable))).toBe('{"offer":{"id":2,"name":"Before","plan":{"every":"year"}},"buyer":"x@y.z"}');
    mutable.name = 'After';
    mutable.plan.every = 'week';
    expect(bytesOf(body, scope(mutable))).toBe('{"offer":{"id":2,"name":"After","plan":{"every":"week"}},"buyer":"x@y.z"}');
    // The second frozen render comes from the cache: the same bytes, and the values around it still fresh.
    expect(bytesOf(body, { sale: { offer: frozen }, contact: { email: 'other@y.z' } })).toBe(
      '{"offer":{"id":1,"name":"Frozen","plan":{"every":"month"}},"buyer":"other@y.z"}',
    );
    const twin = Object.freeze({ id: 3, name: 'Twin', plan: null });
    expect(bytesOf(body, scope(twin))).toBe('{"offer":{"id":3,"name":"Twin","plan":null},"buyer":"x@y.z"}');
  });

  it('still names the missing value of a cached node, as the object form does', () => {
    const body = compileBody(template, 'bytes.json');
    const broken = Object.freeze({ id: 1, plan: null });
    expect(() => bytesOf(body, { sale: { offer: broken }, contact: { email: 'a@b.co' } })).toThrow(
      '"{{sale.offer.name}}" names nothing in the world.',
    );
  });
});

describe('the account', () => {
  it('is frozen through and through, so its encoded objects can be reused', () => {
    const account = accountFor('frozen-seed');
    const offer = account.pricePlans[0]!;
    expect(Object.isFrozen(account)).toBe(true);
    expect(Object.isFrozen(offer)).toBe(true);
    expect(Object.isFrozen(offer.funnelStep.funnel)).toBe(true);
    expect(() => {
      (offer as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});
