import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator } from 'postcode-validator';
import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../src/generate/generator.js';
import type { CustomerSaleCompletedPayload, SalePayload } from '../../src/catalog/payloads.js';
import { accountFor } from '../../src/world/account.js';
import { COUNTRY_FACTS } from '../../src/world/data/places.js';

const EVENTS = 2000;

function inBlocks(ip: string, country: string): boolean {
  const value = ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  return COUNTRY_FACTS[country]!.ipv4.some((cidr) => {
    const [address, bits] = cidr.split('/') as [string, string];
    const base = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
    return value >= base && value < base + 2 ** (32 - Number(bits));
  });
}

describe('values inside payloads', () => {
  it('gives one person one phone in every payload that carries it, valid for their country', () => {
    const generator = createGenerator({ seed: 11 });
    const phones = new Map<number, Set<string>>();
    const note = (id: number, phone: string | undefined, country: string | undefined) => {
      if (phone === undefined) return;
      if (country !== undefined) expect(isValidPhoneNumber(phone, country as CountryCode), `${phone} ${country}`).toBe(true);
      let set = phones.get(id);
      if (set === undefined) phones.set(id, (set = new Set()));
      set.add(phone);
    };
    for (let index = 0; index < EVENTS; index++) {
      const sale = generator.event('SALE_NEW', index).payload;
      note(sale.customer.contactId, sale.customer.fields['phone_number'], sale.customer.fields['country']);
      const completed = generator.event('customer.sale.completed', index).payload as CustomerSaleCompletedPayload;
      const fields = completed.data.customer.fields as Record<string, string>;
      note(completed.data.customer.contact_id, fields['phone_number'], fields['country']);
      // The same event index names the same contact in every trigger.
      const created = generator.event('CONTACT_CREATED', index).payload.contact;
      const field = (created.fields as unknown as Array<{ slug: string; value: string }>).find?.((f) => f.slug === 'phone_number');
      note(created.id, field?.value, undefined);
    }
    expect(phones.size).toBeGreaterThan(EVENTS / 2);
    const twoPhones = [...phones.entries()].filter(([, set]) => set.size > 1);
    expect(twoPhones).toEqual([]);
  });

  it('puts the buyer’s client IP in their country, and postcode, city and phone together', () => {
    let physical = 0;
    let phones = 0;
    for (let seed = 0; seed < 200; seed++) {
      const generator = createGenerator({ seed });
      for (let index = 0; index < 10; index++) {
        const completed = generator.event('customer.sale.completed', index).payload as CustomerSaleCompletedPayload;
        const customer = completed.data.customer as unknown as { client_ip: string; fields: Record<string, string> };
        const { country, postcode, phone_number: phone } = customer.fields as Record<string, string>;
        expect(inBlocks(customer.client_ip, country!), `${customer.client_ip} for ${country}`).toBe(true);
        expect(postcodeValidator(postcode!, country!), `${postcode} ${country}`).toBe(true);
        // A buyer's fields are what the checkout collected: a phone where it shipped something.
        if (phone !== undefined) {
          expect(isValidPhoneNumber(phone, country as CountryCode), `${phone} ${country}`).toBe(true);
          phones++;
        }
        physical++;
      }
    }
    expect(physical).toBe(2000);
    expect(phones).toBeGreaterThan(200);
  });

  it('charges the buyer’s country’s VAT in whole cents when the account is VAT-registered, none outside the EU', () => {
    // Standard rates (European Commission, 2025), written here independently of the data table.
    const EU: Record<string, number> = { FR: 0.2, BE: 0.21, DE: 0.19, AT: 0.2, ES: 0.21, PT: 0.23, IT: 0.22 };
    const seen = { eu: 0, outside: 0, unregistered: 0 };
    for (let seed = 0; seed < 400; seed++) {
      const generator = createGenerator({ seed });
      const registered = accountFor(String(seed)).vatRegistered;
      for (let index = 0; index < 5; index++) {
        const event = generator.event('SALE_NEW', index);
        const sale: SalePayload = event.payload;
        const country = sale.customer.fields['country']!;
        const { vat, totalPrice } = sale.order;
        expect(Number.isInteger(vat)).toBe(true);
        expect(event.body).toMatch(new RegExp(`"vat":${vat}\\.0[,}]`));
        if (!registered) {
          seen.unregistered++;
          expect(vat).toBe(0);
        } else if (country in EU) {
          seen.eu++;
          expect(vat, `${country} ${totalPrice}`).toBe(Math.round(totalPrice - totalPrice / (1 + EU[country]!)));
        } else {
          seen.outside++;
          expect(vat, country).toBe(0);
        }
      }
    }
    expect(Math.min(seen.eu, seen.outside, seen.unregistered)).toBeGreaterThan(100);
  });

  it('starts webinars in the account’s working hours, 09:00-20:00 local time, after the registration', () => {
    for (let seed = 0; seed < 400; seed++) {
      const generator = createGenerator({ seed });
      const { timeZone } = accountFor(String(seed));
      for (let index = 0; index < 5; index++) {
        const data = (
          generator.event('contact.webinar.registered', index).payload as unknown as {
            data: { registered_at: string; scheduled_at: string };
          }
        ).data;
        const scheduled = new Date(data.scheduled_at);
        const local = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
          scheduled,
        );
        expect(local >= '09:00' && local <= '19:30', `${data.scheduled_at} is ${local} in ${timeZone}`).toBe(true);
        expect(local.endsWith(':00') || local.endsWith(':30')).toBe(true);
        const lead = scheduled.getTime() - Date.parse(data.registered_at);
        expect(lead).toBeGreaterThanOrEqual(2 * 3_600_000);
        expect(lead).toBeLessThanOrEqual(6 * 86_400_000);
      }
    }
  });
});
