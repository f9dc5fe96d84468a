import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_SCHEMAS } from '../../src/catalog/documented-schemas.js';
import { checkSchema, listAlternatives } from '../../src/catalog/schema.js';
import { BUILT_IN_TRIGGERS, type BuiltInTriggerId } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';
import { checkPayload, validatePayload } from '../../src/catalog/validate-payload.js';
import examples from '../support/documented-examples.json' with { type: 'json' };

const CAPTURE = fileURLToPath(new URL('../fixtures/capture-2026-contact-course-enrolled.ndjson', import.meta.url));

const SEEDS = 1000;

describe('the documented schemas', () => {
  it.each(Object.entries(examples.automation))('accept the published %s example (SEED)', (id, body) => {
    expect(checkSchema(DOCUMENTED_SCHEMAS[id as BuiltInTriggerId], JSON.parse(body))).toEqual([]);
  });

  it('accept the captured SALE_NEW delivery (CAP)', () => {
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, JSON.parse(examples.webhooks.SALE_NEW))).toEqual([]);
  });

  it('accept re-ordered keys with a note, and reject them only when strict about order', () => {
    const sale = JSON.parse(examples.webhooks.SALE_NEW) as Record<string, Record<string, unknown>>;
    const reordered = { coupon: sale['coupon'], ...sale };
    const notes: string[] = [];
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, reordered, '$', undefined, { notes })).toEqual([]);
    expect(notes).toEqual([
      '$: keys in another order than documented: [coupon, customer, funnelStep, checkoutPage, order, orderItem, pricePlan], documented [customer, coupon, funnelStep, checkoutPage, order, orderItem, pricePlan]',
    ]);
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, reordered, '$', undefined, { strictOrder: true })).toEqual([
      '$: expected keys [customer, coupon, funnelStep, checkoutPage, order, orderItem, pricePlan] in this order, got [coupon, customer, funnelStep, checkoutPage, order, orderItem, pricePlan]',
    ]);
  });

  it('reject a missing or unexpected key, a wrong type and an undocumented alternative', () => {
    const sale = JSON.parse(examples.webhooks.SALE_NEW) as Record<string, Record<string, unknown>>;
    const { coupon: _coupon, ...withoutCoupon } = sale;
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, { ...withoutCoupon, extra: 1 })).toEqual([
      '$: expected keys [customer, coupon, funnelStep, checkoutPage, order, orderItem, pricePlan], got [customer, funnelStep, checkoutPage, order, orderItem, pricePlan, extra] (missing coupon; unexpected extra)',
    ]);
    const wrongType = { ...sale, order: { ...sale['order'], id: '12768313' } };
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, wrongType)).toEqual(['$.order.id: expected integer, got string']);
    const badCurrency = { ...sale, pricePlan: { ...sale['pricePlan'], currency: 'EUR' } };
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, badCurrency)).toEqual([
      '$.pricePlan.currency: expected one of eur, usd, gbp, chf, cad, brl, got "EUR"',
    ]);
  });

  it('accept fields: [] wherever fields is a map (PHP writes an empty map as [])', () => {
    const sale = JSON.parse(examples.webhooks.SALE_NEW) as Record<string, Record<string, unknown>>;
    const noFields = { ...sale, customer: { ...sale['customer'], fields: [] } };
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, noFields)).toEqual([]);
    const automation = JSON.parse(examples.automation['customer.sale.completed']) as { data: { customer: Record<string, unknown> } };
    automation.data.customer['fields'] = [];
    expect(checkSchema(DOCUMENTED_SCHEMAS['customer.sale.completed'], automation)).toEqual([]);
    // Only an empty list stands for an empty map.
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, { ...sale, customer: { ...sale['customer'], fields: ['x'] } })).toEqual([
      '$.customer.fields: expected object, got array',
    ]);
  });

  it('accept the 2026 capture of contact.course.enrolled, whose contact lists its keys in another order (CAP)', () => {
    const capture = JSON.parse(readFileSync(CAPTURE, 'utf8')) as { data: { contact: Record<string, unknown> } };
    expect(Object.keys(capture.data.contact)).toEqual([
      'referred_by_contact_id',
      'referred_by_contact_email',
      'id',
      'email',
      'fields',
      'ip',
    ]);
    const notes: string[] = [];
    expect(checkSchema(DOCUMENTED_SCHEMAS['contact.course.enrolled'], capture, '$', undefined, { notes })).toEqual([]);
    expect(notes).toEqual([
      '$.data.contact: keys in another order than documented: [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip], documented [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email]',
    ]);
    expect(validatePayload('contact.course.enrolled', capture)).toEqual([]);
    expect(checkPayload('contact.course.enrolled', capture)).toEqual({ problems: [], notes });
    expect(validatePayload('contact.course.enrolled', capture, { strictOrder: true })).toEqual([
      '$.data.contact: expected keys [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email] in this order, got [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
    ]);
  });
});

describe(`every generated payload, over ${SEEDS} seeds per trigger`, () => {
  it.each(BUILT_IN_TRIGGERS.map((t) => t.id))('%s has the documented keys, order and types, and every alternative occurs', (id) => {
    const schema = DOCUMENTED_SCHEMAS[id as BuiltInTriggerId];
    const seen = new Set<string>();
    const failures: string[] = [];
    for (let seed = 0; seed < SEEDS; seed++) {
      const event = createGenerator({ seed }).event(id, seed % 5);
      const problems = checkSchema(schema, JSON.parse(event.body), '$', seen, { strictOrder: true });
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}`);
    }
    expect(failures.slice(0, 3)).toEqual([]);
    const alternatives = listAlternatives(schema);
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.filter((alternative) => !seen.has(alternative))).toEqual([]);
  });
});
