import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { growTemplate } from '../../src/capture/grow-template.js';
import { readCaptures } from '../../src/capture/read-captures.js';
import { compareShape } from '../../src/catalog/compare-shape.js';
import { DOCUMENTED_SCHEMAS } from '../../src/catalog/documented-schemas.js';
import { createGenerator } from '../../src/generate/generator.js';
import { customTrigger } from '../../src/catalog/triggers.js';

/** A generated CONTACT_TAG_ADDED delivery whose contact has fields and tags (no real one was ever published). */
function contactCapture(): Buffer {
  const generator = createGenerator({ seed: 'grow' });
  for (let index = 0; ; index++) {
    const body = generator.event('CONTACT_TAG_ADDED', index).body;
    const payload = JSON.parse(body) as { contact: { fields: unknown[]; tags: unknown[] } };
    if (payload.contact.fields.length > 0 && payload.contact.tags.length > 1) {
      return Buffer.from(JSON.stringify({ headers: { 'x-webhook-event': 'CONTACT_TAG_ADDED', 'x-webhook-schema-version': '1' }, body }));
    }
  }
}

describe('growTemplate', () => {
  it("turns a webhooks contact's field and tag lists into $each over the world's, and the result matches the catalog", () => {
    const [capture] = readCaptures(contactCapture(), 'tag-added.json');
    const grown = growTemplate(capture!, { id: 'CONTACT_TAG_ADDED.grown' });
    const body = grown.template.body as { contact: Record<string, unknown>; tag: unknown };
    expect(body.contact['fields']).toEqual({
      $each: 'contact.fieldList',
      as: 'field',
      item: { fieldName: '{{field.fieldName}}', slug: '{{field.slug}}', value: '{{field.value}}' },
    });
    expect(body.contact['tags']).toEqual({
      $each: 'contact.tags',
      as: 'contactTag',
      item: { id: '{{contactTag.id}}', name: '{{contactTag.name}}' },
    });
    expect(body.tag).toEqual({ id: '{{tag.id}}', name: '{{tag.name}}' });
    expect(grown.literals).toEqual([]);
    expect(grown.template.trigger).toEqual({
      id: 'CONTACT_TAG_ADDED.grown',
      dialect: 'webhooks',
      wireName: 'CONTACT_TAG_ADDED',
      schemaVersion: 1,
      description: 'Grown from a capture of CONTACT_TAG_ADDED.',
    });

    const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-grow-'));
    mkdirSync(join(dir, 'webhooks'));
    writeFileSync(join(dir, grown.file), JSON.stringify(grown.template));
    const generator = createGenerator({ seed: 'grown', templatesDir: dir });
    const failures: string[] = [];
    const fieldCounts = new Set<number>();
    for (let index = 0; index < 300; index++) {
      const payload = JSON.parse(generator.event(customTrigger('CONTACT_TAG_ADDED.grown'), index).body) as {
        contact: { fields: unknown[] };
      };
      fieldCounts.add(payload.contact.fields.length);
      for (const [name, schema] of [
        ['capture', grown.shape],
        ['catalog', DOCUMENTED_SCHEMAS.CONTACT_TAG_ADDED],
      ] as const) {
        const result = compareShape(schema, payload);
        if (!result.matches) failures.push(`#${index} vs ${name}: ${result.differences.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(fieldCounts.size).toBeGreaterThan(2);
  });

  it("keeps a sale's resources, coupon and subscription plan as captured, and lists them", () => {
    // The first sale of seed 3 that used a coupon (with no expiry) on a one-off offer: the coupon's fields stay as captured,
    // one by one (the world's coupon may be null), and the null subscription plan stays a literal.
    const generator = createGenerator({ seed: 3 });
    let body = '';
    for (let index = 0; index < 500; index++) {
      body = generator.event('customer.sale.completed', index).body;
      const data = (
        JSON.parse(body) as { data: { coupon: { expiration_date: unknown } | null; offer_price_plan: { subscription_plan: unknown } } }
      ).data;
      if (data.coupon !== null && data.coupon.expiration_date === null && data.offer_price_plan.subscription_plan === null) break;
    }
    const grown = growTemplate(readCaptures(Buffer.from(body), 'sale.json')[0]!);
    expect(grown.template.trigger).toBe('customer.sale.completed');
    expect(grown.literals.map((l) => l.split(' = ')[0])).toEqual([
      '$.data.offer_price_plan.subscription_plan',
      '$.data.order_item.resources',
      '$.data.coupon.id',
      '$.data.coupon.inner_name',
      '$.data.coupon.code',
      '$.data.coupon.discount_amount',
      '$.data.coupon.discount_type',
      '$.data.coupon.expiration_date',
      '$.data.coupon.limit_of_use',
    ]);
    expect(grown.placeholders).toHaveLength(23);
    expect(grown.placeholders).toContain('$.data.offer_price_plan.direct_charge_amount <- {{sale.pricePlan.amount}}');
    expect(grown.placeholders).toContain('$.data.customer.fields <- {{sale.customer.automationFields}}');
    expect(grown.placeholders).toContain('$.created_at <- {{event.createdAt}}');
  });
});
