import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_EXAMPLES } from '../../src/catalog/documented-examples.js';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { buildJsonSchemas, JSON_SCHEMA_VOCABULARY, jsonSchemaFileOf } from '../../src/catalog/to-json-schema.js';
import { createGenerator } from '../../src/generate/generator.js';
import examples from '../support/documented-examples.json' with { type: 'json' };

const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const PER_TRIGGER = 1000;

function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMAS_DIR + file, 'utf8')) as Record<string, unknown>;
}

/** Ajv's draft 2020-12 build, strict, with the schemas' two custom keywords declared. */
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary([...JSON_SCHEMA_VOCABULARY]);
  return ajv;
}

describe('the checked-in schemas/', () => {
  it('are exactly what `npm run schemas` generates from the catalog (run it after changing a documented schema)', () => {
    const generated = buildJsonSchemas();
    const onDisk = readdirSync(SCHEMAS_DIR, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.json'))
      .sort();
    expect(onDisk).toEqual(generated.map((g) => g.file).sort());
    for (const { file, schema } of generated) {
      expect(readFileSync(SCHEMAS_DIR + file, 'utf8'), file).toBe(JSON.stringify(schema, null, 2) + '\n');
    }
  });

  it('hold one schema per trigger and schema version, with $id, title and description', () => {
    expect(buildJsonSchemas().map((g) => g.file)).toEqual([
      'automation/contact.optin.completed.funnel-step.json',
      'automation/contact.optin.completed.blog-page.json',
      'automation/customer.sale.completed.json',
      'automation/contact.tag.added.json',
      'automation/contact.tag.removed.json',
      'automation/contact.webinar.registered.json',
      'automation/contact.course.enrolled.json',
      'automation/contact.course_bundle.enrolled.json',
      'automation/contact.campaign.finished.json',
      'automation/contact.page.visited.json',
      'automation/contact.email_link.clicked.json',
      'webhooks/CONTACT_CREATED.v1.json',
      'webhooks/CONTACT_TAG_ADDED.v1.json',
      'webhooks/CONTACT_TAG_REMOVED.v1.json',
      'webhooks/CONTACT_OPT_IN.v1.json',
      'webhooks/SALE_NEW.v2.json',
      'webhooks/SALE_CANCELED.v2.json',
    ]);
    const sale = readSchema('webhooks/SALE_NEW.v2.json');
    expect(sale['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(sale['$id']).toBe('https://unpkg.com/systeme-mock/schemas/webhooks/SALE_NEW.v2.json');
    expect(sale['title']).toBe('SALE_NEW');
    expect(sale['description']).toContain('x-webhook-event: SALE_NEW, x-webhook-schema-version: 2.');
  });

  it('resolve through the package export ./schemas/* (as users import them)', async () => {
    const sale = (await import('systeme-mock/schemas/webhooks/SALE_NEW.v2.json', { with: { type: 'json' } })) as {
      default: Record<string, unknown>;
    };
    expect(sale.default).toEqual(readSchema('webhooks/SALE_NEW.v2.json'));
  });

  it('mark the assumed parts: a whole trigger never published, and alternatives no published example shows', () => {
    const canceled = readSchema('webhooks/SALE_CANCELED.v2.json');
    expect(canceled['x-assumed']).toBe(true);
    const sale = readSchema('webhooks/SALE_NEW.v2.json') as {
      'x-assumed'?: unknown;
      properties: Record<string, { anyOf: Record<string, unknown>[] }>;
    };
    expect(sale['x-assumed']).toBeUndefined();
    // CAP shows coupon null; the coupon object is the activepieces' assumption.
    expect(sale.properties['coupon']!.anyOf.map((branch) => [branch['title'], branch['x-assumed'] ?? false])).toEqual([
      ['null', false],
      ['value', true],
    ]);
    const automationSale = readSchema('automation/customer.sale.completed.json') as {
      properties: { data: { properties: Record<string, { properties: Record<string, Record<string, unknown>> }> } };
    };
    // The automation contact is one object: SEED shows fields [] and an ip in other triggers, so neither is assumed here.
    const course = readSchema('automation/contact.course.enrolled.json') as {
      properties: {
        data: {
          properties: Record<string, Record<string, unknown> & { properties?: Record<string, { anyOf: Record<string, unknown>[] }> }>;
        };
      };
    };
    const contact = course.properties.data.properties['contact']!.properties!;
    expect(contact['fields']!.anyOf.map((branch) => [branch['title'], branch['x-assumed'] ?? false])).toEqual([
      ['empty', false],
      ['bySlug', false],
    ]);
    expect(course.properties.data.properties['access_type']!['x-assumed-values']).toEqual(['partial_access', 'dripping_content']);
    // SEED's sale was paid with paypal: the other processors are assumptions.
    expect(automationSale.properties.data.properties['customer']!.properties['payment_processor']!['x-assumed-values']).toEqual([
      'stripe',
      'cash on delivery',
    ]);
  });
});

describe('Ajv (draft 2020-12, strict) with the published schemas', () => {
  const ajv = createAjv();
  const validators = new Map(BUILT_IN_TRIGGERS.map((trigger) => [trigger.id, ajv.compile(readSchema(jsonSchemaFileOf(trigger)))]));

  it.each(BUILT_IN_TRIGGERS.map((t) => t.id))(`accepts ${PER_TRIGGER} generated %s payloads, 0 failures`, (id) => {
    const validate = validators.get(id)!;
    const generator = createGenerator({ seed: `ajv-${id}` });
    const failures: string[] = [];
    for (let index = 0; index < PER_TRIGGER; index++) {
      const body = generator.event(id, index).body;
      if (!validate(JSON.parse(body))) failures.push(`#${index}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect(failures).toHaveLength(0);
  });

  it('accepts every documented example: the 11 SEED payloads, the CAP SALE_NEW body and the 2026 contact.course.enrolled capture', () => {
    const checked: string[] = [];
    for (const example of DOCUMENTED_EXAMPLES) {
      const validate = validators.get(example.trigger)!;
      expect(validate(JSON.parse(example.body)), `${example.trigger} (${example.source}): ${ajv.errorsText(validate.errors)}`).toBe(true);
      checked.push(`${example.trigger} ${example.source.slice(0, 4)}`);
    }
    expect(checked).toHaveLength(13);
    expect(checked.filter((c) => c.endsWith('CAP:'))).toEqual(['contact.course.enrolled CAP:', 'SALE_NEW CAP:']);
    // The copies in src/ are the test suite's own documented examples, byte for byte.
    for (const [id, body] of Object.entries(examples.automation)) {
      expect(DOCUMENTED_EXAMPLES.find((e) => e.trigger === id && e.source.startsWith('SEED'))?.body).toBe(body);
    }
    expect(DOCUMENTED_EXAMPLES.find((e) => e.trigger === 'SALE_NEW')?.body).toBe(examples.webhooks.SALE_NEW);
  });

  it('does not hold key order: the 2026 key order and any other are accepted', () => {
    const sale = JSON.parse(examples.webhooks.SALE_NEW) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(sale).reverse());
    expect(validators.get('SALE_NEW')!(reversed)).toBe(true);
  });

  it("accepts [] for a fields map (PHP's empty map) and rejects a renamed key, a type change and a new key", () => {
    const validate = validators.get('SALE_NEW')!;
    const sale = JSON.parse(examples.webhooks.SALE_NEW) as { customer: Record<string, unknown>; order: Record<string, unknown> };
    expect(validate({ ...sale, customer: { ...sale.customer, fields: [] } })).toBe(true);
    expect(validate({ ...sale, customer: { ...sale.customer, fields: ['FR'] } })).toBe(false);
    const { email, ...withoutEmail } = sale.customer;
    expect(validate({ ...sale, customer: { ...withoutEmail, mail: email } })).toBe(false);
    expect(ajv.errorsText(validate.errors)).toBe(
      "data/customer must have required property 'email', data/customer must NOT have additional properties",
    );
    expect(validate({ ...sale, order: { ...sale.order, id: '12768313' } })).toBe(false);
    expect(ajv.errorsText(validate.errors)).toBe('data/order/id must be integer');
    expect(validate({ ...sale, refunded: false })).toBe(false);
    expect(ajv.errorsText(validate.errors)).toBe('data must NOT have additional properties');
  });
});
