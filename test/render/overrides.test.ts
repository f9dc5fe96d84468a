import { describe, expect, it } from 'vitest';
import { OverrideError } from '../../src/errors.js';
import { generate } from '../../src/generate/generator.js';
import { parseSetOverride } from '../../src/render/apply-overrides.js';

describe('--set overrides', () => {
  it('parses values as JSON where valid, as text otherwise', () => {
    expect(parseSetOverride('data.order.id=5').value).toBe(5);
    expect(parseSetOverride('data.coupon=null').value).toBeNull();
    expect(parseSetOverride('a.b={"x":[1,2]}').value).toEqual({ x: [1, 2] });
    expect(parseSetOverride('a.b="007"').value).toBe('007');
    expect(parseSetOverride('customer.email=a@b.co').value).toBe('a@b.co');
    expect(parseSetOverride('a=x=y').value).toBe('x=y');
    expect(parseSetOverride('a=').value).toBe('');
  });

  it('applies to the payload and the wire bytes alike', () => {
    const event = generate('SALE_NEW', { seed: 1, set: ['customer.email=a@b.co', 'order.totalPrice=4200', 'order.vat=3'] });
    expect(event.payload.customer.email).toBe('a@b.co');
    expect(event.body).toContain('"email":"a@b.co"');
    expect(event.body).toContain('"totalPrice":4200,');
    expect(event.body).toContain('"vat":3.0}');
  });

  it('replaces a null alternative with a whole object', () => {
    const coupon = { innerName: 'Promo', code: 'X1', discountAmount: 10, discountType: 'percent', expirationDate: null, limitOfUse: null };
    const event = generate('SALE_NEW', { seed: 2, set: [`coupon=${JSON.stringify(coupon)}`] });
    expect(event.payload.coupon).toEqual(coupon);
  });

  it('sets array items by index', () => {
    const event = generate('customer.sale.completed', { seed: 1, set: ['data.order_item.resources.0.quantity=2'] });
    expect(event.payload.data.order_item.resources[0]!.quantity).toBe(2);
  });

  it('rejects an unknown path and lists the valid paths near it', () => {
    expect(() => generate('SALE_NEW', { seed: 1, set: ['customer.emial=x'] })).toThrow(
      new OverrideError(
        'customer.emial',
        'Failed to apply override customer.emial: SALE_NEW has no such path. Valid paths near it: customer.id, customer.clientIp, customer.contactId, customer.email, customer.fields, customer.paymentProcessor, customer.sourceUrl.',
      ),
    );
    expect(() => generate('contact.tag.added', { seed: 1, set: ['dta.tag.id=1'] })).toThrow(
      'Failed to apply override dta.tag.id: contact.tag.added has no such path. Valid paths near it: type, data, account, created_at.',
    );
  });

  it('replaces a map-like object whole instead of merging its keys', () => {
    const event = generate('SALE_NEW', { seed: 1, overrides: { customer: { fields: { first_name: 'Zoé' } } } });
    expect(event.payload.customer.fields).toEqual({ first_name: 'Zoé' });
    expect(event.body).toContain('"fields":{"first_name":"Zo\\u00e9"}');
  });

  it('rejects setting inside a null value, naming the event and the fix', () => {
    const seed = Array.from({ length: 50 }, (_, s) => s).find((s) => generate('SALE_NEW', { seed: s }).payload.coupon === null)!;
    expect(() => generate('SALE_NEW', { seed, set: ['coupon.code=X'] })).toThrow(
      "Failed to apply override coupon.code: coupon is null in SALE_NEW event 0. Set the whole value instead, e.g. --set 'coupon={...}'.",
    );
  });

  it('rejects a malformed --set', () => {
    expect(() => parseSetOverride('no-equals')).toThrow(
      'Failed to parse --set "no-equals": expected path=value. Write it like --set data.customer.email=a@b.co.',
    );
    expect(() => parseSetOverride('a..b=1')).toThrow(
      'Failed to parse --set "a..b=1": the path has an empty segment. Write dot-separated keys like data.order.id.',
    );
  });

  it('merges a typed deep partial in the library, keeping key order', () => {
    const event = generate('SALE_NEW', { seed: 1, overrides: { customer: { email: 'x@y.fr' }, order: { id: 7 } } });
    expect(event.payload.customer.email).toBe('x@y.fr');
    expect(event.payload.order.id).toBe(7);
    expect(Object.keys(event.payload.customer)).toEqual([
      'id',
      'clientIp',
      'contactId',
      'email',
      'fields',
      'paymentProcessor',
      'sourceUrl',
    ]);
    expect(() => generate('SALE_NEW', { seed: 1, overrides: { customer: { mail: 'x' } } as never })).toThrow(
      'Failed to apply override customer.mail: SALE_NEW has no such path.',
    );
  });
});
