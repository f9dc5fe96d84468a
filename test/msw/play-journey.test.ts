/**
 * `api.play(journey)` walks one contact through a journey in the MSW store: each step changes the store as
 * its event says and goes where the account's webhooks and rules send it. Signatures are checked with
 * node:crypto directly (HMAC-SHA256 hex of the raw body, reference §1b); the store is read through the
 * REST API, as an app would.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyGenerator } from '../../src/journey/generate-journeys.js';
import { loadJourney } from '../../src/journey/load-journey.js';
import { createReceiverHandler, createSystemeApi, type ApiContact, type ReceivedDelivery } from '../../src/msw/index.js';

const BASE = 'https://api.systeme.io/api';
const KEY = 'play-key';
const HOOK = 'https://shop.test/webhooks/systeme';
const RULES = 'https://shop.test/automation';
const SECRET = 'whsec-journeys';
const LEAD_TO_BUYER = ['contact.optin.completed:funnel-step', 'contact.tag.added', 'customer.sale.completed', 'contact.course.enrolled'];

type Json = Record<string, unknown>;

const api = createSystemeApi({ apiKey: KEY, seed: 5 });
const hook = createReceiverHandler(HOOK, () => new Response(null, { status: 204 }));
const rules = createReceiverHandler(RULES, () => new Response('ok'));
const server = setupServer(...api.handlers, hook, rules);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  api.reset();
  hook.clearDeliveries();
  rules.clearDeliveries();
});
afterAll(() => server.close());

const hmac = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');
const eventTime = (d: ReceivedDelivery) => Date.parse(d.headers['x-webhook-event-timestamp']!);

async function get(path: string): Promise<Json> {
  const response = await fetch(`${BASE}${path}`, { headers: { 'X-API-Key': KEY } });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** A contact the test adds: no fields, no tags, so every change the journey makes shows. */
function addBareContact(email: string): ApiContact {
  return api.seed({ contacts: [{ email }] }).contacts[0]!;
}

function fieldsOf(contact: Json): Json {
  return Object.fromEntries((contact['fields'] as Array<{ slug: string; value: string }>).map((f) => [f.slug, f.value]));
}

describe('api.play: refund', () => {
  it('delivers a verified SALE_NEW, then a SALE_CANCELED of the same order days later, and the store holds what the sale says', async () => {
    const registered = api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['SALE_NEW', 'SALE_CANCELED'] });
    const buyer = addBareContact('refund.buyer@shop.test');

    // Journey 2 of seed 5 sells an offer that grants a tag and a course, so the grants show in the store.
    const played = await api.play('refund', { contact: buyer.id, index: 2 });

    expect(played.journey).toBe('refund');
    expect(played.stoppedAt).toBeNull();
    expect(played.contactId).toBe(buyer.id);
    expect(played.steps.map((s) => [s.step, s.trigger, s.deliveries.map((d) => d.status)])).toEqual([
      ['sale', 'SALE_NEW', [204]],
      ['refund', 'SALE_CANCELED', [204]],
    ]);
    // Resolved after the receiver answered: it holds both, in order, as the result reports them.
    expect(hook.deliveries.map((d) => d.headers['x-webhook-event'])).toEqual(['SALE_NEW', 'SALE_CANCELED']);
    expect(hook.deliveries.map((d) => d.body)).toEqual(played.steps.map((s) => s.deliveries[0]!.body));
    const [sold, refunded] = hook.deliveries as [ReceivedDelivery, ReceivedDelivery];
    for (const d of [sold, refunded]) {
      expect(d.headers['x-webhook-signature']).toBe(hmac(d.body));
      expect(d.headers['x-webhook-subscription-id']).toBe(registered.id);
      // Played without waiting, each delivery is attempted just after its event (CAP: about a second), never before it.
      const lag = Date.parse(d.headers['x-webhook-delivery-attempt-timestamp']!) - Date.parse(d.headers['x-webhook-event-timestamp']!);
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThanOrEqual(2000);
    }

    const sale = JSON.parse(sold.body) as Record<string, Json>;
    const cancel = JSON.parse(refunded.body) as Record<string, Json>;
    expect(cancel['order']).toEqual(sale['order']);
    expect(cancel['orderItem']).toEqual(sale['orderItem']);
    expect(cancel['pricePlan']).toEqual(sale['pricePlan']);
    expect(cancel['customer']).toEqual(sale['customer']);
    expect(sale['pricePlan']!['type']).toBe('one_shot');
    expect(sale['customer']!['contactId']).toBe(buyer.id);
    expect(sale['customer']!['email']).toBe('refund.buyer@shop.test');
    // The refund journey waits 1 to 14 days; the order comes before the sale's event.
    const gap = eventTime(refunded) - eventTime(sold);
    expect(gap).toBeGreaterThanOrEqual(86_400_000);
    expect(gap).toBeLessThanOrEqual(14 * 86_400_000);
    expect(Date.parse(String(sale['order']!['createdAt']))).toBeLessThanOrEqual(eventTime(sold));
    expect(played.steps.map((s) => s.at.getTime())).toEqual([eventTime(sold), eventTime(refunded)]);

    // The store: the checkout's fields on the contact (exactly those the event carries), and what the
    // offer grants (courses enrolled, tags given); a one-off refund starts no subscription.
    const stored = await get(`/contacts/${buyer.id}`);
    expect(fieldsOf(stored)).toEqual(sale['customer']!['fields']);
    const resources = sale['orderItem']!['resources'] as Json[];
    const grantedCourses = resources.filter((r) => r['course'] !== null).map((r) => (r['course'] as Json)['id']);
    const grantedTags = resources.filter((r) => r['tag'] !== null).map((r) => (r['tag'] as Json)['id']);
    expect([grantedCourses.length, grantedTags.length]).toEqual([1, 1]);
    expect(api.store.courses.map((c) => c.id)).toContain(grantedCourses[0]);
    const enrollments = (await get(`/school/enrollments?contact=${buyer.id}`))['items'] as Json[];
    expect(enrollments.map((e) => (e['course'] as Json)['id']).sort()).toEqual(grantedCourses.sort());
    expect((stored['tags'] as Json[]).map((t) => t['id']).sort()).toEqual(grantedTags.sort());
    expect((await get(`/payment/subscriptions?contact=${buyer.id}`))['items'] as Json[]).toEqual([]);
  });
});

describe('api.play: lead-to-buyer', () => {
  function addRules(): void {
    for (const trigger of LEAD_TO_BUYER) api.addAutomationRule({ trigger, url: RULES });
  }

  it("a converting lead: opt-in, tagged (the store contact gains the tag), sale (fields filled, enrolled in the offer's course), enrolled in that course", async () => {
    addRules();
    const lead = addBareContact('lead@shop.test');
    // Journey 0 of seed 5 converts (the seed's own plan says so; asserted below through stoppedAt).
    const played = await api.play('lead-to-buyer', { contact: lead.id, index: 0 });

    expect(played.stoppedAt).toBeNull();
    expect(played.steps.map((s) => [s.step, s.trigger, s.deliveries.map((d) => d.status)])).toEqual([
      ['opt-in', 'contact.optin.completed:funnel-step', [200]],
      ['tagged', 'contact.tag.added', [200]],
      ['sale', 'customer.sale.completed', [200]],
      ['enrolled', 'contact.course.enrolled', [200]],
    ]);
    const bodies = rules.deliveries.map((d) => JSON.parse(d.body) as { type: string; data: Record<string, Json>; created_at: string });
    expect(bodies.map((b) => b.type)).toEqual([
      'contact.optin.completed',
      'contact.tag.added',
      'customer.sale.completed',
      'contact.course.enrolled',
    ]);
    // One contact throughout, and time runs forward.
    const [optin, tagged, sale, enrolled] = bodies as [(typeof bodies)[0], (typeof bodies)[0], (typeof bodies)[0], (typeof bodies)[0]];
    expect([
      optin.data['contact']!['id'],
      tagged.data['contact']!['id'],
      sale.data['customer']!['contact_id'],
      enrolled.data['contact']!['id'],
    ]).toEqual([lead.id, lead.id, lead.id, lead.id]);
    const times = bodies.map((b) => Date.parse(b.created_at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(4);

    // The tag the event names is on the store's contact; the sale's checkout fields are its fields.
    const stored = await get(`/contacts/${lead.id}`);
    expect((stored['tags'] as Json[]).map((t) => t['id'])).toContain(tagged.data['tag']!['id']);
    expect(fieldsOf(stored)).toEqual(sale.data['customer']!['fields']);
    // The offer grants a course; the enrolment in it is in the API, and the enrolled event names it.
    const course = (sale.data['order_item']!['resources'] as Json[]).find((r) => r['type'] === 'membership_course')!['data'] as Json;
    expect(course['id']).toEqual(expect.any(Number));
    const enrollments = (await get(`/school/enrollments?contact=${lead.id}`))['items'] as Json[];
    expect(enrollments.map((e) => (e['course'] as Json)['id'])).toContain(course['id']);
    expect(enrolled.data['course']!['id']).toBe(course['id']);
    expect(enrolled.data['course']!['name']).toBe(course['name']);
    expect(api.store.courses.map((c) => c.id)).toContain(course['id']);
  });

  it('a lead who does not buy: only the opt-in and the tag are delivered, and no sale touches the store', async () => {
    addRules();
    const lead = addBareContact('window.shopper@shop.test');
    // Journey 1 of seed 5 stops before the sale (probability 0.35); the journey generator agrees.
    expect(createJourneyGenerator('lead-to-buyer', { seed: 5 }).plan(1).stoppedAt).toBe('sale');
    const played = await api.play('lead-to-buyer', { contact: lead.id, index: 1 });

    expect(played.stoppedAt).toBe('sale');
    expect(played.steps.map((s) => s.trigger)).toEqual(['contact.optin.completed:funnel-step', 'contact.tag.added']);
    expect(rules.deliveries.map((d) => (JSON.parse(d.body) as { type: string }).type)).toEqual([
      'contact.optin.completed',
      'contact.tag.added',
    ]);
    const stored = await get(`/contacts/${lead.id}`);
    expect(stored['fields']).toEqual([]);
    expect((stored['tags'] as Json[]).length).toBe(1);
    expect((await get(`/school/enrollments?contact=${lead.id}`))['items']).toEqual([]);
  });
});

describe('api.play: where deliveries go, and whose journey', () => {
  it('applies every step to the store even when nothing is subscribed, and delivers nothing', async () => {
    const buyer = addBareContact('quiet.buyer@shop.test');
    const played = await api.play('refund', { contact: buyer.id });
    expect(played.steps.map((s) => [s.trigger, s.deliveries])).toEqual([
      ['SALE_NEW', []],
      ['SALE_CANCELED', []],
    ]);
    expect(api.deliveries).toEqual([]);
    const stored = api.store.contacts.find((c) => c.id === buyer.id)!;
    expect(stored.fields.map((f) => f.slug)).toEqual([
      'first_name',
      'surname',
      'country',
      'postcode',
      'city',
      'street_address',
      'phone_number',
    ]);
  });

  it("without a contact, the journey's own person joins the store at its first step, as the event shows it", async () => {
    api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['CONTACT_CREATED'] });
    const before = api.store.contacts.length;
    const played = await api.play('newsletter-reader');
    expect(api.store.contacts.length).toBe(before + 1);
    const created = JSON.parse(hook.deliveries[0]!.body) as { contact: Json };
    expect(created.contact['id']).toBe(played.contactId);
    const stored = await get(`/contacts/${played.contactId}`);
    // The event and the API describe the same contact, registered when the journey created it.
    expect(stored).toEqual(created.contact);
    expect(stored['registeredAt']).toBe(hook.deliveries[0]!.headers['x-webhook-event-timestamp']);
    expect(stored['tags']).toEqual([]);
  });

  it("a subscription sale starts a subscription the API lists; the journey's SALE_CANCELED of that order cancels it", async () => {
    api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['SALE_NEW', 'SALE_CANCELED'] });
    const subscriber = addBareContact('subscriber@shop.test');
    const played = await api.play('subscription-churn', { contact: subscriber.id });

    expect(played.steps[0]!.trigger).toBe('SALE_NEW');
    expect(played.steps.at(-1)!.trigger).toBe('SALE_CANCELED');
    // Renewals are silent: they move time, deliver nothing.
    const renewals = played.steps.slice(1, -1);
    expect(renewals.length).toBeGreaterThanOrEqual(1);
    expect(renewals.every((s) => s.trigger === null && s.deliveries.length === 0)).toBe(true);
    const [sold, cancelled] = hook.deliveries as [ReceivedDelivery, ReceivedDelivery];
    expect(hook.deliveries).toHaveLength(2);
    const sale = JSON.parse(sold.body) as Record<string, Json>;
    expect(JSON.parse(cancelled.body)).toEqual(sale);
    expect(eventTime(cancelled) - eventTime(sold)).toBeGreaterThanOrEqual(28 * 86_400_000 * renewals.length);

    const listed = (await get(`/payment/subscriptions?contact=${subscriber.id}`))['items'] as Json[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      status: 'cancelled',
      createdAt: sale['order']!['createdAt'],
      cancelledAt: cancelled.headers['x-webhook-event-timestamp'],
      contact: { id: subscriber.id, email: 'subscriber@shop.test' },
      pricePlan: { id: sale['pricePlan']!['id'], type: 'subscription', amount: sale['pricePlan']!['amount'] },
    });
  });

  it('plays journeys 0, 1, 2 of the seed in turn unless told which, from 0 again after reset()', async () => {
    const contact = api.store.contacts[0]!.id;
    expect((await api.play('refund', { contact })).index).toBe(0);
    expect((await api.play('refund', { contact })).index).toBe(1);
    expect((await api.play('refund', { contact, index: 7 })).index).toBe(7);
    expect((await api.play('refund', { contact })).index).toBe(2);
    api.reset();
    expect((await api.play('refund', { contact })).index).toBe(0);
  });

  it('replays journey j of a seed alike: the same order and the same delays, from a name or a loaded definition', async () => {
    api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['SALE_NEW', 'SALE_CANCELED'] });
    const contact = api.store.contacts[0]!.id;
    const orderAndGap = (played: Awaited<ReturnType<typeof api.play>>) => {
      const [sale, cancel] = played.steps.map((s) => JSON.parse(s.deliveries[0]!.body) as { order: { id: number } });
      return { orders: [sale!.order.id, cancel!.order.id], gapMs: played.steps[1]!.at.getTime() - played.steps[0]!.at.getTime() };
    };
    const first = orderAndGap(await api.play('refund', { contact, index: 3 }));
    const again = orderAndGap(await api.play(loadJourney('refund'), { contact, index: 3 }));
    const other = orderAndGap(await api.play('refund', { contact, index: 4 }));
    // Dates are cut to the second from a clock that moved between the plays: the gap may differ by 1 s.
    expect(again.orders).toEqual(first.orders);
    expect(Math.abs(again.gapMs - first.gapMs)).toBeLessThanOrEqual(1000);
    expect(other.orders[0]).not.toBe(first.orders[0]);
    expect(first.orders[0]).toBe(first.orders[1]);
  });

  it("with a speed, waits the journey's delays divided by it, each step dated when it is sent", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'play-journey-'));
    const file = join(dir, 'two-steps.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'two-steps',
        steps: [
          { name: 'opted-in', trigger: 'CONTACT_OPT_IN' },
          { name: 'tagged', trigger: 'CONTACT_TAG_ADDED', delay: '3s', carry: ['contact'] },
        ],
      }),
    );
    api.addWebhook({ url: HOOK, secret: SECRET, subscriptions: ['CONTACT_OPT_IN', 'CONTACT_TAG_ADDED'] });
    const contact = api.store.contacts[0]!.id;
    const started = Date.now();
    const played = await api.play(file, { contact, speed: 10 });
    const elapsed = Date.now() - started;
    expect(played.steps.map((s) => s.trigger)).toEqual(['CONTACT_OPT_IN', 'CONTACT_TAG_ADDED']);
    // 3 s at 10x is 300 ms of waiting (a bound below, not a speed target).
    expect(elapsed).toBeGreaterThanOrEqual(250);
    for (const d of hook.deliveries) {
      expect(d.headers['x-webhook-signature']).toBe(hmac(d.body));
      expect(Math.abs(eventTime(d) - Date.now())).toBeLessThan(60_000);
    }
    const tag = (JSON.parse(hook.deliveries[1]!.body) as { tag: Json }).tag;
    expect(api.store.contacts.find((c) => c.id === contact)!.tags.map((t) => t.id)).toContain(tag['id']);
  });
});

describe('api.play: bad input', () => {
  it('refuses an unknown journey, an unknown contact and bad options with one line naming the fix, changing nothing', async () => {
    api.addWebhook({ url: HOOK, secret: SECRET });
    const contacts = JSON.stringify(api.store.contacts);
    await expect(api.play('refnd')).rejects.toThrow(
      'Failed to load journey refnd at $: there is no journey of that name. Did you mean "refund"?',
    );
    await expect(api.play('refund', { contact: 123 })).rejects.toThrow(
      'Failed to play journey refund: no contact 123 in the store. Pass an id from api.store.contacts or add the contact with api.seed({ contacts: [...] }).',
    );
    await expect(api.play('refund', { speed: 0 })).rejects.toThrow(
      'Failed to play journey refund: speed 0 is not a positive factor. Pass e.g. { speed: 3600 } (an hour a second), or leave it out to play without waiting.',
    );
    await expect(api.play('refund', { index: -1 })).rejects.toThrow(
      'Failed to play journey refund: index -1 is not a whole number from 0. Pass e.g. { index: 3 }.',
    );
    await expect(api.play('refund', { contact: 'someone@shop.test' as unknown as number })).rejects.toThrow(
      'Failed to play journey refund: contact "someone@shop.test" is neither a contact id nor a contact. Pass an id from api.store.contacts or { email: "..." }.',
    );
    await expect(api.play(42 as unknown as string)).rejects.toThrow(
      'Failed to play a journey: 42 is not a journey. Pass a built-in name like "refund", a .json path, or loadJourney(...).',
    );
    for (const error of await Promise.all(
      [api.play('refnd'), api.play('refund', { contact: 123 })].map((p) => p.catch((e: unknown) => e)),
    )) {
      expect((error as Error).name).toMatch(/UsageError|JourneyError/);
      expect((error as Error).message).not.toContain('\n');
    }
    expect(api.deliveries).toEqual([]);
    expect(JSON.stringify(api.store.contacts)).toBe(contacts);
  });
});
