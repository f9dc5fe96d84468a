import { describe, expect, expectTypeOf, it } from 'vitest';
import { generate } from '../../src/generate/generator.js';
import type { PayloadOf, SalePayload, WebhookContact } from '../../src/catalog/payloads.js';

// These assertions are checked by `tsc --noEmit` (part of `npm test`) and run as plain tests.
describe('payload types per trigger', () => {
  it('types generate(id) by its trigger, without casts', () => {
    const sale = generate('SALE_NEW', { seed: 1 });
    expectTypeOf(sale.payload).toEqualTypeOf<SalePayload>();
    expectTypeOf(sale.payload.customer.email).toBeString();
    expectTypeOf(sale.payload.order.discountAmount).toEqualTypeOf<number | null>();
    expectTypeOf(generate('CONTACT_TAG_ADDED').payload.contact).toEqualTypeOf<WebhookContact>();
    expectTypeOf(generate('contact.webinar.registered').payload.data.webinar.duration).toBeString();
    expectTypeOf<PayloadOf<'my.custom.trigger'>>().toEqualTypeOf<Record<string, unknown>>();
    expect(typeof sale.payload.customer.email).toBe('string');
  });

  it('types overrides as a deep partial of the payload', () => {
    const event = generate('SALE_NEW', { seed: 1, overrides: { order: { totalPrice: 100 } } });
    expect(event.payload.order.totalPrice).toBe(100);
    // @ts-expect-error -- 'nope' is not a key of the SALE_NEW order: the deep partial rejects it at compile time.
    expect(() => generate('SALE_NEW', { seed: 1, overrides: { order: { nope: 1 } } })).toThrow('Failed to apply override order.nope');
  });
});
