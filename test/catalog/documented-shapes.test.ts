import { describe, expect, it } from 'vitest';
import { DOCUMENTED_SCHEMAS } from '../../src/catalog/documented-schemas.js';
import { checkSchema, listAlternatives } from '../../src/catalog/schema.js';
import { BUILT_IN_TRIGGERS, type BuiltInTriggerId } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';
import examples from '../support/documented-examples.json' with { type: 'json' };

const SEEDS = 1000;

describe('the documented schemas', () => {
  it.each(Object.entries(examples.automation))('accept the published %s example (SEED)', (id, body) => {
    expect(checkSchema(DOCUMENTED_SCHEMAS[id as BuiltInTriggerId], JSON.parse(body))).toEqual([]);
  });

  it('accept the captured SALE_NEW delivery (CAP)', () => {
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, JSON.parse(examples.webhooks.SALE_NEW))).toEqual([]);
  });

  it('reject a wrong key order, a wrong type and an undocumented alternative', () => {
    const sale = JSON.parse(examples.webhooks.SALE_NEW) as Record<string, Record<string, unknown>>;
    const reordered = { coupon: sale['coupon'], ...sale };
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, reordered)[0]).toBe(
      '$: expected keys [customer, coupon, funnelStep, checkoutPage, order, orderItem, pricePlan] in this order, got [coupon, customer, funnelStep, checkoutPage, order, orderItem, pricePlan]',
    );
    const wrongType = { ...sale, order: { ...sale['order'], id: '12768313' } };
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, wrongType)).toEqual(['$.order.id: expected integer, got string']);
    const badCurrency = { ...sale, pricePlan: { ...sale['pricePlan'], currency: 'EUR' } };
    expect(checkSchema(DOCUMENTED_SCHEMAS.SALE_NEW, badCurrency)).toEqual([
      '$.pricePlan.currency: expected one of eur, usd, gbp, chf, cad, brl, got "EUR"',
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
      const problems = checkSchema(schema, JSON.parse(event.body), '$', seen);
      if (problems.length > 0) failures.push(`seed ${seed}: ${problems.join('; ')}`);
    }
    expect(failures.slice(0, 3)).toEqual([]);
    const alternatives = listAlternatives(schema);
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.filter((alternative) => !seen.has(alternative))).toEqual([]);
  });
});
