import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compareShape } from '../../src/catalog/compare-shape.js';
import { DOCUMENTED_EXAMPLES } from '../../src/catalog/documented-examples.js';
import { DOCUMENTED_SCHEMAS } from '../../src/catalog/documented-schemas.js';
import { listObservedAlternatives } from '../../src/catalog/observed-alternatives.js';
import { JSON_SCHEMA_VOCABULARY, jsonSchemaFileOf } from '../../src/catalog/to-json-schema.js';
import { BUILT_IN_TRIGGERS, type BuiltInTriggerId } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';
import { Rng } from '../../src/world/random.js';

type Json = Record<string, unknown>;
const sale = (): Json => JSON.parse(DOCUMENTED_EXAMPLES.find((e) => e.trigger === 'SALE_NEW')!.body) as Json;
const observed = (id: string) => listObservedAlternatives(id);

describe('compareShape on the documented examples', () => {
  it.each(DOCUMENTED_EXAMPLES.map((e, i) => [`${e.trigger} (${e.source.slice(0, 4)} #${i})`, e] as const))('%s matches', (_, example) => {
    const result = compareShape(DOCUMENTED_SCHEMAS[example.trigger as BuiltInTriggerId], JSON.parse(example.body), {
      observed: observed(example.trigger),
    });
    expect(result.differences.filter((d) => d.kind !== 'order')).toEqual([]);
    expect(result.matches).toBe(true);
  });

  it('reports the 2026 contact.course.enrolled key order as information, exactly once', () => {
    const capture = DOCUMENTED_EXAMPLES.find((e) => e.trigger === 'contact.course.enrolled' && e.source.startsWith('CAP'))!;
    const result = compareShape(DOCUMENTED_SCHEMAS['contact.course.enrolled'], JSON.parse(capture.body), {
      observed: observed('contact.course.enrolled'),
    });
    expect(result.matches).toBe(true);
    expect(result.differences).toEqual([
      {
        kind: 'order',
        drift: false,
        path: '$.data.contact',
        message:
          'key order differs (information: order is not a contract): documented [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email], captured [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
        documented: '[id, email, fields, ip, referred_by_contact_id, referred_by_contact_email]',
        captured: '[referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
      },
    ]);
  });
});

describe('compareShape on planted drift', () => {
  it('names a renamed key, a type change and a new key', () => {
    const body = sale() as { customer: Json; order: Json };
    const { email, ...customer } = body.customer;
    const planted = {
      ...body,
      customer: { ...customer, mail: email },
      order: { ...body.order, id: String(body.order['id']), paidAt: '2026-09-27T20:16:26+00:00' },
    };
    const result = compareShape(DOCUMENTED_SCHEMAS.SALE_NEW, planted, { observed: observed('SALE_NEW') });
    expect(result.matches).toBe(false);
    expect(result.differences.map((d) => `${d.kind} ${d.path}: ${d.message}`)).toEqual([
      'renamed $.customer.email: key renamed to "mail"? ("email" is missing; "mail" is new and fits its type: string)',
      'added $.order.paidAt: key added (string)',
      'type $.order.id: type changed: documented integer, captured string',
    ]);
  });

  it('reports a missing key and an added key apart when the new one does not fit the old type', () => {
    const body = sale() as { order: Json };
    const { totalPrice, ...order } = body.order;
    const result = compareShape(DOCUMENTED_SCHEMAS.SALE_NEW, { ...body, order: { ...order, total: `${String(totalPrice)} EUR` } });
    expect(result.differences.map((d) => `${d.kind} ${d.path}: ${d.message}`)).toEqual([
      'missing $.order.totalPrice: key missing (documented: integer)',
      'added $.order.total: key added (string)',
    ]);
  });

  it('says a value outside a documented set, and a type no alternative has, in one line each', () => {
    const body = sale() as { pricePlan: Json };
    const result = compareShape(DOCUMENTED_SCHEMAS.SALE_NEW, {
      ...body,
      coupon: 'SUMMER',
      pricePlan: { ...body.pricePlan, currency: 'EUR' },
    });
    expect(result.differences.map((d) => `${d.kind} ${d.path}: ${d.message}`)).toEqual([
      'type $.coupon: type changed: documented null or object, captured string',
      'value $.pricePlan.currency: value "EUR" is not documented (documented: eur, usd, gbp, chf, cad, brl)',
    ]);
  });

  it('accepts [] for a fields map (PHP writes an empty map as [])', () => {
    const body = sale() as { customer: Json };
    expect(compareShape(DOCUMENTED_SCHEMAS.SALE_NEW, { ...body, customer: { ...body.customer, fields: [] } }).differences).toEqual([]);
  });

  it('tells a documented alternative seen for the first time, as information', () => {
    const body = sale();
    const coupon = {
      innerName: 'Summer',
      code: 'SUMMER',
      discountAmount: 10,
      discountType: 'percent',
      expirationDate: null,
      limitOfUse: null,
    };
    const result = compareShape(DOCUMENTED_SCHEMAS.SALE_NEW, { ...body, coupon }, { observed: observed('SALE_NEW') });
    expect(result.matches).toBe(true);
    expect(result.differences.map((d) => `${d.kind} ${d.path}: ${d.message}`)).toEqual(
      ['$.coupon=value', '$.coupon.discountType=percent', '$.coupon.expirationDate=null', '$.coupon.limitOfUse=null'].map((a) => {
        const [path, label] = a.split('=');
        return `alternative ${path}: documented alternative "${label}" seen for the first time (no published example shows it)`;
      }),
    );
    expect(observed('SALE_CANCELED')).toBeUndefined();
  });
});

describe('compareShape agrees with Ajv and the published JSON Schemas (an independent validator)', () => {
  const ajv = new Ajv2020({ strict: true });
  ajv.addVocabulary([...JSON_SCHEMA_VOCABULARY]);
  const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

  /** One random change somewhere in the payload: delete, add or retype a key, or reverse an object's keys. */
  function mutate(value: unknown, rng: Rng): unknown {
    const objects: Json[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') {
        objects.push(node as Json);
        Object.values(node).forEach(collect);
      }
    };
    collect(value);
    const target = rng.pick(objects);
    const keys = Object.keys(target);
    const key = keys.length > 0 ? rng.pick(keys) : undefined;
    const kind = key === undefined ? 1 : rng.int(0, 3);
    if (kind === 0) delete target[key!];
    else if (kind === 1) target['undocumentedKey'] = 1;
    else if (kind === 2) target[key!] = typeof target[key!] === 'string' ? 42 : 'text';
    else {
      const entries = Object.entries(target).reverse();
      for (const k of keys) delete target[k];
      for (const [k, v] of entries) target[k] = v;
    }
    return value;
  }

  it.each(BUILT_IN_TRIGGERS.map((t) => t.id))('%s: drift exactly when Ajv rejects, over 200 mutated payloads', (id) => {
    const validate = ajv.compile(
      JSON.parse(readFileSync(schemasDir + jsonSchemaFileOf(BUILT_IN_TRIGGERS.find((t) => t.id === id)!), 'utf8')) as Json,
    );
    const generator = createGenerator({ seed: `mutate-${id}` });
    const rng = new Rng(`mutate-${id}`);
    const disagreements: string[] = [];
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      const payload = mutate(JSON.parse(generator.event(id, i).body), rng);
      const ours = compareShape(DOCUMENTED_SCHEMAS[id as BuiltInTriggerId], payload).matches;
      const theirs = validate(payload);
      if (!theirs) rejected++;
      if (ours !== theirs)
        disagreements.push(`#${i}: compareShape ${String(ours)}, Ajv ${String(theirs)}: ${JSON.stringify(payload).slice(0, 300)}`);
    }
    expect(disagreements.slice(0, 2)).toEqual([]);
    expect(rejected).toBeGreaterThan(50);
  });
});
