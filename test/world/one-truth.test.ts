import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';
import { measureWorld } from '../support/world-invariants.js';

const EVENTS_PER_TRIGGER = 2000;

describe(`one truth per entity, time forward: ${EVENTS_PER_TRIGGER} events of each of the 17 triggers per seed`, () => {
  it.each([1, 'shop'])('seed %s: no id with two identities, every cancel after its sale with the same order', (seed) => {
    const figures = measureWorld(seed, EVENTS_PER_TRIGGER);
    // The checks compare something: thousands of contacts come back in several payloads, every order twice.
    expect(figures.events).toBe(EVENTS_PER_TRIGGER * BUILT_IN_TRIGGERS.length);
    expect(figures.repeatedContacts).toBeGreaterThan(2000);
    expect(figures.orders).toBe(EVENTS_PER_TRIGGER);
    expect(figures.cancels).toBe(EVENTS_PER_TRIGGER);
    expect({
      twoEmails: figures.twoEmails,
      twoRegistrations: figures.twoRegistrations,
      twoPhones: figures.twoPhones,
      twoFieldSets: figures.twoFieldSets,
      twoFieldValues: figures.twoFieldValues,
      twoProfiles: figures.twoProfiles,
      beforeRegistration: figures.beforeRegistration,
      customerMismatches: figures.customerMismatches,
      orderMismatches: figures.orderMismatches,
      cancelsNotAfterSale: figures.cancelsNotAfterSale,
      tagEffectsMissing: figures.tagEffectsMissing,
      createdMismatches: figures.createdMismatches,
    }).toEqual({
      twoEmails: 0,
      twoRegistrations: 0,
      twoPhones: 0,
      twoFieldSets: 0,
      twoFieldValues: 0,
      twoProfiles: 0,
      beforeRegistration: 0,
      customerMismatches: 0,
      orderMismatches: 0,
      cancelsNotAfterSale: 0,
      tagEffectsMissing: 0,
      createdMismatches: 0,
    });
  });
});

describe('time per entity', () => {
  it('cancels days after the sale (1 to 46 days), and orders a few seconds before the sale event', () => {
    const generator = createGenerator({ seed: 9 });
    for (let index = 0; index < 500; index++) {
      const sale = generator.event('SALE_NEW', index);
      const cancel = generator.event('SALE_CANCELED', index);
      const gapDays = (cancel.eventTime.getTime() - sale.eventTime.getTime()) / 86_400_000;
      expect(gapDays).toBeGreaterThanOrEqual(1);
      expect(gapDays).toBeLessThan(46);
      const orderMs = Date.parse(sale.payload.order.createdAt);
      expect(sale.eventTime.getTime() - orderMs).toBeGreaterThanOrEqual(2000);
      expect(sale.eventTime.getTime() - orderMs).toBeLessThanOrEqual(30_000);
      expect(cancel.payload.order).toEqual(sale.payload.order);
      expect(cancel.payload.orderItem).toEqual(sale.payload.orderItem);
      expect(cancel.payload.customer.contactId).toBe(sale.payload.customer.contactId);
      expect(cancel.payload.customer.fields).toEqual(sale.payload.customer.fields);
    }
  });

  it('registers pool contacts before the world clock, in id order, and referrers before those they refer', () => {
    const generator = createGenerator({ seed: 4 });
    const seen: Array<[number, number]> = [];
    for (let index = 0; index < 500; index++) {
      const { contact } = generator.event('CONTACT_OPT_IN', index).payload;
      expect(Date.parse(contact.registeredAt)).toBeLessThan(generator.now.getTime());
      seen.push([contact.id, Date.parse(contact.registeredAt)]);
      const data = (
        generator.event('contact.tag.added', index).payload as { data: { contact: { id: number; referred_by_contact_id: number | null } } }
      ).data;
      expect(data.contact.id).toBe(contact.id);
      if (data.contact.referred_by_contact_id !== null) expect(data.contact.referred_by_contact_id).toBeLessThan(contact.id);
    }
    seen.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![1]).toBeGreaterThanOrEqual(seen[i - 1]![1]);
  });

  it('keeps a pool contact the same when send or fire stamp the event with the send time', () => {
    const generator = createGenerator({ seed: 6 });
    const sendTime = new Date('2026-11-30T12:00:00Z');
    for (let index = 0; index < 200; index++) {
      for (const id of ['CONTACT_OPT_IN', 'CONTACT_TAG_ADDED', 'SALE_NEW'] as const) {
        const generated = JSON.parse(generator.event(id, index).body) as Record<string, unknown>;
        const sent = JSON.parse(generator.event(id, index, { at: sendTime }).body) as Record<string, unknown>;
        expect(sent['contact'] ?? sent['customer']).toEqual(generated['contact'] ?? generated['customer']);
      }
    }
  });
});
