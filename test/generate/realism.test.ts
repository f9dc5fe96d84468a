import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../src/generate/generator.js';
import type { CustomerSaleCompletedPayload, SalePayload } from '../../src/catalog/payloads.js';

const SEEDS = 400;

function sales(trigger: 'SALE_NEW' | 'SALE_CANCELED', seeds = SEEDS): SalePayload[] {
  return Array.from({ length: seeds }, (_, seed) => createGenerator({ seed }).event(trigger, 0).payload);
}

const POSTCODES: Record<string, RegExp> = {
  FR: /^\d{5}$/,
  BE: /^\d{4}$/,
  CH: /^\d{4}$/,
  CA: /^[A-Z]\d[A-Z] \d[A-Z]\d$/,
  US: /^\d{5}$/,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/,
  ES: /^\d{5}$/,
  DE: /^\d{5}$/,
  AT: /^\d{4}$/,
  PT: /^\d{4}-\d{3}$/,
  BR: /^\d{5}-\d{3}$/,
  IT: /^\d{5}$/,
};

describe('realistic values', () => {
  it('draws French customers most often, then the other languages, accents included', () => {
    const locales = new Map<string, number>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const { contact } = createGenerator({ seed }).event('CONTACT_CREATED', 0).payload;
      locales.set(contact.locale, (locales.get(contact.locale) ?? 0) + 1);
    }
    const ranked = [...locales.entries()].sort((a, b) => b[1] - a[1]).map(([locale]) => locale);
    expect(ranked[0]).toBe('fr');
    expect(new Set(ranked)).toEqual(new Set(['fr', 'en', 'es', 'de', 'pt', 'it']));
    const names = sales('SALE_NEW').map((sale) => sale.customer.fields['first_name'] ?? '');
    expect(names.some((name) => /[éèëïçôâ]/.test(name))).toBe(true);
  });

  it('derives emails from the name, without accents', () => {
    for (const sale of sales('SALE_NEW', 100)) {
      const first = (sale.customer.fields['first_name'] ?? '')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/ß/g, 'ss')
        .replace(/[^a-z0-9]/g, '');
      const local = sale.customer.email.split('@')[0]!;
      expect(local.startsWith(first) || local.startsWith(first.charAt(0) + '.'), `${sale.customer.email} for ${first}`).toBe(true);
      expect(sale.customer.email).toMatch(/^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$/);
    }
  });

  it('gives postcodes in the format of the customer’s country', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const sale = createGenerator({ seed }).event('customer.sale.completed', 0).payload as CustomerSaleCompletedPayload;
      const { country, postcode } = sale.data.customer.fields as Record<string, string>;
      expect(postcode, `${country} ${postcode}`).toMatch(POSTCODES[country!]!);
    }
  });

  it('keeps a payload consistent: customer is the contact, totals add up', () => {
    for (const sale of sales('SALE_NEW')) {
      const discount = sale.order.discountAmount ?? 0;
      expect(sale.order.totalPrice).toBe(sale.pricePlan.amount - discount + (sale.order.shippingFee ?? 0));
      expect(sale.order.discountType === null).toBe(sale.coupon === null);
      expect(sale.pricePlan.recurringOptions === null).toBe(sale.pricePlan.type === 'one_shot');
      expect(Number.isInteger(sale.pricePlan.amount) && sale.pricePlan.amount > 0).toBe(true);
    }
    for (let seed = 0; seed < 50; seed++) {
      const generator = createGenerator({ seed });
      // One sale per index, told by both dialects: the same buyer, with the same fields.
      const automation = generator.event('customer.sale.completed', 4).payload as CustomerSaleCompletedPayload;
      const webhooks = generator.event('SALE_NEW', 4).payload;
      expect(automation.data.customer.contact_id).toBe(webhooks.customer.contactId);
      expect(automation.data.customer.email).toBe(webhooks.customer.email);
      expect(automation.data.customer.fields).toEqual(webhooks.customer.fields);
      expect(automation.data.customer.id).toBe(webhooks.customer.id);
      // CONTACT_CREATED registers a new contact, from ids the pool never uses.
      const created = generator.event('CONTACT_CREATED', 4).payload;
      expect(created.contact.id).toBeGreaterThanOrEqual(416_000_000);
      expect(webhooks.customer.contactId).toBeLessThan(416_000_000);
    }
  });

  it('orders dates coherently: order and item before the event, webinar registered before it starts', () => {
    for (let seed = 0; seed < 200; seed++) {
      const generator = createGenerator({ seed });
      const sale = generator.event('customer.sale.completed', 1).payload as CustomerSaleCompletedPayload;
      expect(sale.data.order.created_at <= sale.data.order_item.created_at).toBe(true);
      expect(sale.data.order_item.created_at < sale.created_at).toBe(true);
      const webinar = generator.event('contact.webinar.registered', 1).payload as {
        data: { registered_at: string; scheduled_at: string };
        created_at: string;
      };
      expect(webinar.data.registered_at).toBe(webinar.created_at);
      expect(Date.parse(webinar.data.scheduled_at)).toBeGreaterThan(Date.parse(webinar.data.registered_at));
      const opt = generator.event('CONTACT_OPT_IN', 1);
      expect(Date.parse(opt.payload.contact.registeredAt)).toBeLessThan(opt.eventTime.getTime());
      const created = generator.event('CONTACT_CREATED', 1);
      expect(Date.parse(created.payload.contact.registeredAt)).toBe(created.eventTime.getTime());
    }
  });

  it('describes the same sale in SALE_NEW and SALE_CANCELED, cancelled days later', () => {
    for (let seed = 0; seed < 50; seed++) {
      const generator = createGenerator({ seed });
      const sold = generator.event('SALE_NEW', 2);
      const cancelled = generator.event('SALE_CANCELED', 2);
      expect(cancelled.payload.pricePlan).toEqual(sold.payload.pricePlan);
      expect(cancelled.payload.customer.contactId).toBe(sold.payload.customer.contactId);
      expect(cancelled.eventTime.getTime() - Date.parse(cancelled.payload.order.createdAt)).toBeGreaterThan(86_400_000);
    }
  });

  it('keeps tag events coherent with the contact’s tags', () => {
    for (let seed = 0; seed < 100; seed++) {
      const generator = createGenerator({ seed });
      const added = generator.event('CONTACT_TAG_ADDED', 0).payload;
      expect(added.contact.tags).toContainEqual(added.tag);
      const removed = generator.event('CONTACT_TAG_REMOVED', 0).payload;
      expect(removed.contact.tags.map((t) => t.id)).not.toContain(removed.tag.id);
    }
  });

  it('keeps ids in the documented magnitudes', () => {
    for (const sale of sales('SALE_NEW', 100)) {
      expect(sale.customer.contactId).toBeGreaterThanOrEqual(400_000_000);
      expect(sale.customer.contactId).toBeLessThan(500_000_000);
      expect(sale.order.id).toBeGreaterThanOrEqual(12_000_000);
      expect(sale.funnelStep.id).toBeGreaterThanOrEqual(20_000_000);
    }
  });

  it('writes floats with a fraction and slashes escaped on the wire', () => {
    const body = createGenerator({ seed: 1 }).event('SALE_NEW', 0).body;
    expect(body).toMatch(/"vat":\d+\.\d+[,}]/);
    expect(body).toContain('"sourceUrl":"https:\\/\\/');
    expect(body).not.toMatch(/[^\x20-\x7e]/);
  });
});
