/**
 * Reads generated bodies as a receiver would (JSON only, no access to the world's internals) and
 * counts every way they contradict "one truth per entity, time runs forward". The invariant tests
 * assert the counts are zero; `npx tsx test/support/world-invariants.ts` prints the figures.
 */
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { createGenerator } from '../../src/generate/generator.js';

type Json = Record<string, unknown>;

export interface WorldFigures {
  events: number;
  contacts: number;
  /** Contact ids that appear in more than one payload: what the identity checks compare. */
  repeatedContacts: number;
  /** Contact ids seen with more than one email / registration date / phone / field set. */
  twoEmails: number;
  twoRegistrations: number;
  twoPhones: number;
  twoFieldSets: number;
  /** (contact id, field slug) pairs with two values anywhere, sales included. */
  twoFieldValues: number;
  /** Contact ids whose other properties differ between payloads: the webhooks contact without its tags, the automation contact's IP and referrer. */
  twoProfiles: number;
  /** Contact appearances dated before their registration. */
  beforeRegistration: number;
  /** Customer ids naming two contacts, or a contact with two customer ids. */
  customerMismatches: number;
  orders: number;
  /** Order ids with two createdAt / customers / amounts / order items across SALE_NEW, SALE_CANCELED, customer.sale.completed. */
  orderMismatches: number;
  /** SALE_CANCELED #i not strictly after SALE_NEW #i, or about another order. */
  cancelsNotAfterSale: number;
  cancels: number;
  /** Tag events whose contact does not show the change (added tag missing, removed tag present). */
  tagEffectsMissing: number;
  /** CONTACT_CREATED contacts not registered at the event time, or whose id other triggers also use. */
  createdMismatches: number;
}

interface Seen {
  /** The events (trigger #index) the contact appears in. */
  events: Set<string>;
  emails: Set<string>;
  registrations: Set<string>;
  phones: Set<string>;
  fieldSets: Set<string>;
  customers: Set<number>;
  webhooksProfiles: Set<string>;
  automationProfiles: Set<string>;
}

function fieldMap(fields: unknown): Record<string, string> {
  if (Array.isArray(fields)) {
    const out: Record<string, string> = {};
    for (const f of fields as Array<{ slug: string; value: string }>) out[f.slug] = f.value;
    return out;
  }
  return (fields ?? {}) as Record<string, string>;
}

function canonical(map: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(map)
      .sort()
      .map((key) => [key, map[key]]),
  );
}

/** Collects the figures over `count` events of every built-in trigger for one seed. */
export function measureWorld(seed: number | string, count: number): WorldFigures {
  const generator = createGenerator({ seed });
  const contacts = new Map<number, Seen>();
  const fieldValues = new Map<string, Set<string>>();
  const customers = new Map<number, Set<number>>();
  const orders = new Map<number, Set<string>>();
  const createdIds = new Set<number>();
  const otherIds = new Set<number>();
  let beforeRegistration = 0;
  let tagEffectsMissing = 0;
  let createdMismatches = 0;
  let events = 0;
  let currentEvent = '';

  const seen = (id: number): Seen => {
    let entry = contacts.get(id);
    if (entry === undefined) {
      entry = {
        events: new Set(),
        emails: new Set(),
        registrations: new Set(),
        phones: new Set(),
        fieldSets: new Set(),
        customers: new Set(),
        webhooksProfiles: new Set(),
        automationProfiles: new Set(),
      };
      contacts.set(id, entry);
    }
    entry.events.add(currentEvent);
    return entry;
  };
  const noteFields = (id: number, fields: Record<string, string>): void => {
    for (const [slug, value] of Object.entries(fields)) {
      const key = `${id}|${slug}`;
      let values = fieldValues.get(key);
      if (values === undefined) fieldValues.set(key, (values = new Set()));
      values.add(value);
    }
    if (fields['phone_number'] !== undefined) seen(id).phones.add(fields['phone_number']);
  };
  const noteContact = (id: number, email: string, fields: unknown, eventMs: number, registeredAt?: string): void => {
    const entry = seen(id);
    entry.emails.add(email);
    const map = fieldMap(fields);
    entry.fieldSets.add(canonical(map));
    noteFields(id, map);
    if (registeredAt !== undefined) {
      entry.registrations.add(registeredAt);
      if (Date.parse(registeredAt) > eventMs) beforeRegistration++;
    }
  };
  const noteOrder = (id: number, facts: string): void => {
    let set = orders.get(id);
    if (set === undefined) orders.set(id, (set = new Set()));
    set.add(facts);
  };
  const noteCustomer = (customerId: number, contactId: number): void => {
    let set = customers.get(customerId);
    if (set === undefined) customers.set(customerId, (set = new Set()));
    set.add(contactId);
    seen(contactId).customers.add(customerId);
  };

  const saleTimes = new Map<number, { ms: number; orderId: number; createdAt: string }>();
  let cancels = 0;
  let cancelsNotAfterSale = 0;

  for (const trigger of BUILT_IN_TRIGGERS) {
    for (let index = 0; index < count; index++) {
      const event = generator.event(trigger.id, index);
      currentEvent = `${trigger.id}#${index}`;
      const payload = JSON.parse(event.body) as Json;
      const eventMs = event.eventTime.getTime();
      events++;
      if (trigger.dialect === 'automation') {
        const data = payload['data'] as Json;
        if (trigger.id === 'customer.sale.completed') {
          const customer = data['customer'] as Json;
          const contactId = customer['contact_id'] as number;
          otherIds.add(contactId);
          seen(contactId).emails.add(customer['email'] as string);
          noteFields(contactId, fieldMap(customer['fields']));
          noteCustomer(customer['id'] as number, contactId);
          const order = data['order'] as Json;
          const item = data['order_item'] as Json;
          const plan = data['offer_price_plan'] as Json;
          noteOrder(
            order['id'] as number,
            JSON.stringify([order['created_at'], contactId, customer['id'], plan['id'], item['id'], item['created_at']]),
          );
        } else {
          const contact = data['contact'] as Json;
          otherIds.add(contact['id'] as number);
          noteContact(contact['id'] as number, contact['email'] as string, contact['fields'], eventMs);
          seen(contact['id'] as number).automationProfiles.add(JSON.stringify(contact));
          if (contact['referred_by_contact_id'] !== null)
            seen(contact['referred_by_contact_id'] as number).emails.add(contact['referred_by_contact_email'] as string);
        }
        continue;
      }
      if (trigger.id === 'SALE_NEW' || trigger.id === 'SALE_CANCELED') {
        const customer = payload['customer'] as Json;
        const contactId = customer['contactId'] as number;
        otherIds.add(contactId);
        seen(contactId).emails.add(customer['email'] as string);
        noteFields(contactId, fieldMap(customer['fields']));
        noteCustomer(customer['id'] as number, contactId);
        const order = payload['order'] as Json;
        const item = payload['orderItem'] as Json;
        const plan = payload['pricePlan'] as Json;
        noteOrder(
          order['id'] as number,
          JSON.stringify([order['createdAt'], contactId, customer['id'], plan['id'], item['id'], item['createdAt']]),
        );
        noteOrder((order['id'] as number) * -1, JSON.stringify([order, item, customer, plan])); // the whole webhooks view
        if (trigger.id === 'SALE_NEW') {
          saleTimes.set(index, { ms: eventMs, orderId: order['id'] as number, createdAt: order['createdAt'] as string });
        } else {
          cancels++;
          const sale = saleTimes.get(index);
          if (sale === undefined || !(eventMs > sale.ms) || sale.orderId !== order['id'] || sale.createdAt !== order['createdAt'])
            cancelsNotAfterSale++;
        }
        continue;
      }
      const contact = payload['contact'] as Json;
      const id = contact['id'] as number;
      noteContact(id, contact['email'] as string, contact['fields'], eventMs, contact['registeredAt'] as string);
      const { tags: _tags, ...profile } = contact;
      seen(id).webhooksProfiles.add(JSON.stringify(profile));
      if (trigger.id === 'CONTACT_CREATED') {
        createdIds.add(id);
        if (Date.parse(contact['registeredAt'] as string) !== eventMs) createdMismatches++;
      } else {
        otherIds.add(id);
      }
      const tag = payload['tag'] as { id: number } | undefined;
      if (tag !== undefined) {
        const has = (contact['tags'] as Array<{ id: number }>).some((t) => t.id === tag.id);
        if (has !== (trigger.id === 'CONTACT_TAG_ADDED')) tagEffectsMissing++;
      }
    }
  }
  for (const id of createdIds) if (otherIds.has(id)) createdMismatches++;
  const count2 = (pick: (s: Seen) => Set<unknown>): number => [...contacts.values()].filter((s) => pick(s).size > 1).length;
  return {
    events,
    contacts: contacts.size,
    repeatedContacts: [...contacts.values()].filter((s) => s.events.size > 1).length,
    twoEmails: count2((s) => s.emails),
    twoRegistrations: count2((s) => s.registrations),
    twoPhones: count2((s) => s.phones),
    twoFieldSets: count2((s) => s.fieldSets),
    twoFieldValues: [...fieldValues.values()].filter((v) => v.size > 1).length,
    twoProfiles: [...contacts.values()].filter((s) => s.webhooksProfiles.size > 1 || s.automationProfiles.size > 1).length,
    beforeRegistration,
    customerMismatches: [...customers.values()].filter((s) => s.size > 1).length + count2((s) => s.customers),
    orders: [...orders.keys()].filter((id) => id > 0).length,
    orderMismatches: [...orders.values()].filter((s) => s.size > 1).length,
    cancelsNotAfterSale,
    cancels,
    tagEffectsMissing,
    createdMismatches,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 2000);
  for (const seed of [1, 2, 3]) console.log(`seed ${seed}:`, JSON.stringify(measureWorld(seed, count)));
}
