import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JourneyError } from '../../src/errors.js';
import { generateJourneys, createJourneyGenerator, type JourneyEvent } from '../../src/journey/generate-journeys.js';
import { listJourneys, loadJourney } from '../../src/journey/load-journey.js';
import { validatePayload } from '../../src/catalog/validate-payload.js';
import { accountFor } from '../../src/world/account.js';

// biome-ignore lint/suspicious/noExplicitAny: payloads read ad hoc in assertions, shape checked by validatePayload.
type Json = Record<string, any>;

/** The contact a payload is about, read from where each dialect puts it. */
function contactOf(item: JourneyEvent): { id: number; email: string } {
  const p = item.event.payload as Json;
  if (item.event.trigger.dialect === 'automation') {
    const c = p['data']['contact'] ?? { id: p['data']['customer']['contact_id'], email: p['data']['customer']['email'] };
    return { id: c.id, email: c.email };
  }
  const c = p['contact'] ?? { id: p['customer']['contactId'], email: p['customer']['email'] };
  return { id: c.id, email: c.email };
}

function orderOf(item: JourneyEvent): Json | undefined {
  const p = item.event.payload as Json;
  return item.event.trigger.dialect === 'automation' ? p['data']['order'] : p['order'];
}

function byJourney(events: readonly JourneyEvent[]): Map<number, JourneyEvent[]> {
  const map = new Map<number, JourneyEvent[]>();
  for (const item of events) map.set(item.journey, [...(map.get(item.journey) ?? []), item]);
  return map;
}

describe('built-in journeys', () => {
  it('lists the five built-ins', () => {
    expect(listJourneys()).toEqual(['lead-to-buyer', 'newsletter-reader', 'refund', 'subscription-churn', 'webinar-attendee']);
  });

  for (const name of ['lead-to-buyer', 'refund', 'subscription-churn', 'webinar-attendee', 'newsletter-reader']) {
    it(`${name}: time order, one contact per journey, valid bodies`, () => {
      const events = [...generateJourneys(name, { count: 300, seed: 11 })];
      for (let i = 1; i < events.length; i++) {
        expect(events[i]!.event.eventTime.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.event.eventTime.getTime());
      }
      const journeys = byJourney(events);
      expect(journeys.size).toBe(300);
      for (const steps of journeys.values()) {
        expect(steps.map((s) => s.position)).toEqual(steps.map((_, i) => i));
        expect(steps.at(-1)!.last).toBe(true);
        const first = contactOf(steps[0]!);
        for (const step of steps) expect(contactOf(step)).toEqual(first);
      }
      for (const item of events) expect(validatePayload(item.event.trigger.id, item.event.payload)).toEqual([]);
    });
  }

  it("refund: the cancel names the sale's order, after it, days later", () => {
    const events = [...generateJourneys('refund', { count: 500, seed: 5 })];
    for (const [, steps] of byJourney(events)) {
      expect(steps.map((s) => s.event.trigger.id)).toEqual(['SALE_NEW', 'SALE_CANCELED']);
      const [sale, cancel] = steps as [JourneyEvent, JourneyEvent];
      expect(orderOf(cancel)).toEqual(orderOf(sale));
      expect((cancel.event.payload as Json)['orderItem']).toEqual((sale.event.payload as Json)['orderItem']);
      const gap = cancel.event.eventTime.getTime() - sale.event.eventTime.getTime();
      expect(gap).toBeGreaterThanOrEqual(86_400_000);
      expect(gap).toBeLessThanOrEqual(14 * 86_400_000);
      expect(Date.parse(orderOf(sale)!['createdAt'])).toBeLessThanOrEqual(sale.event.eventTime.getTime());
    }
  });

  it("lead-to-buyer: the enrolment names the course the sale's offer grants; about 35% buy", () => {
    const events = [...generateJourneys('lead-to-buyer', { count: 2000, seed: 3 })];
    let buyers = 0;
    for (const [, steps] of byJourney(events)) {
      const ids = steps.map((s) => s.event.trigger.id);
      if (ids.length === 2) {
        expect(ids).toEqual(['contact.optin.completed:funnel-step', 'contact.tag.added']);
        continue;
      }
      buyers++;
      expect(ids).toEqual([
        'contact.optin.completed:funnel-step',
        'contact.tag.added',
        'customer.sale.completed',
        'contact.course.enrolled',
      ]);
      const sale = (steps[2]!.event.payload as Json)['data'];
      const granted = (sale['order_item']['resources'] as Json[])
        .filter((r) => r['type'] === 'membership_course')
        .map((r) => r['data']['id']);
      const enrolled = (steps[3]!.event.payload as Json)['data']['course']['id'];
      expect(granted).toContain(enrolled);
    }
    // 2,000 draws at p = 0.35: 3 standard deviations are ±3.2 points.
    expect(buyers / 2000).toBeGreaterThan(0.318);
    expect(buyers / 2000).toBeLessThan(0.382);
  });

  it('subscription-churn: a subscription sale, renewals a month apart, then its cancellation', () => {
    const account = accountFor('9');
    const generator = createJourneyGenerator('subscription-churn', { seed: 9 });
    for (let j = 0; j < 100; j++) {
      const plan = generator.plan(j);
      const names = plan.steps.map((s) => s.step.name);
      const renewals = names.filter((n) => n === 'renewal').length;
      expect(renewals).toBeGreaterThanOrEqual(1);
      expect(renewals).toBeLessThanOrEqual(6);
      expect(names).toEqual(['subscribed', ...Array(renewals).fill('renewal'), 'cancelled']);
      const [sale, cancel] = generator.eventsOf(plan) as [JourneyEvent, JourneyEvent];
      const planId = (sale.event.payload as Json)['pricePlan']['id'];
      expect(account.pricePlans.find((p) => p.id === planId)?.type).toBe('subscription');
      expect(orderOf(cancel)).toEqual(orderOf(sale));
      expect(cancel.event.eventTime.getTime() - sale.event.eventTime.getTime()).toBeGreaterThanOrEqual(renewals * 28 * 86_400_000);
    }
  });

  it('conversion probabilities hold at a fixed seed', () => {
    const journeys = byJourney([...generateJourneys('webinar-attendee', { count: 3000, seed: 21 })]);
    const visited = [...journeys.values()].filter((s) => s.length >= 3).length;
    const bought = [...journeys.values()].filter((s) => s.length === 4).length;
    expect(visited / 3000).toBeGreaterThan(0.57);
    expect(visited / 3000).toBeLessThan(0.63);
    expect(bought / visited).toBeGreaterThan(0.16);
    expect(bought / visited).toBeLessThan(0.24);
  });

  it('event i of journey j regenerates alone, byte for byte, and a seed reproduces the run', () => {
    const run = [...generateJourneys('lead-to-buyer', { count: 40, seed: 8 })];
    const again = [...generateJourneys('lead-to-buyer', { count: 40, seed: 8 })];
    expect(again.map((e) => e.event.body)).toEqual(run.map((e) => e.event.body));
    const target = run.filter((e) => e.journey === 17).at(-1)!;
    const alone = createJourneyGenerator('lead-to-buyer', { seed: 8 });
    expect(alone.eventsOf(alone.plan(17))[target.position]!.event.body).toBe(target.event.body);
    const shifted = [...generateJourneys('lead-to-buyer', { count: 3, startIndex: 17, seed: 8 })].filter((e) => e.journey === 17);
    expect(shifted.map((e) => e.event.body)).toEqual(run.filter((e) => e.journey === 17).map((e) => e.event.body));
  });
});

describe('journey files', () => {
  function journeyDir(name: string, journey: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'journey-'));
    mkdirSync(join(dir, 'journeys'));
    writeFileSync(join(dir, 'journeys', `${name}.json`), typeof journey === 'string' ? journey : JSON.stringify(journey));
    return dir;
  }

  function loadError(journey: unknown): string {
    const dir = journeyDir('bad', journey);
    try {
      loadJourney('bad', { templatesDir: dir });
    } catch (error) {
      expect(error).toBeInstanceOf(JourneyError);
      return (error as Error).message.replace(dir, 'DIR');
    }
    throw new Error('expected a JourneyError');
  }

  it('loads a user journey from <templates>/journeys/ beside templates', () => {
    const dir = journeyDir('two-sales', {
      name: 'two-sales',
      steps: [
        { name: 'a', trigger: 'SALE_NEW' },
        { name: 'b', trigger: 'SALE_NEW', delay: '1m' },
      ],
    });
    expect(listJourneys({ templatesDir: dir })).toContain('two-sales');
    const events = [...generateJourneys('two-sales', { count: 2, seed: 1, templatesDir: dir })];
    expect(events.map((e) => `${e.journey}:${e.step}`)).toEqual(['0:a', '0:b', '1:a', '1:b']);
  });

  it('names the file and the step for an unknown trigger', () => {
    expect(loadError({ name: 'bad', steps: [{ name: 'sale', trigger: 'SALE_NEWW' }] })).toBe(
      'Failed to load journey DIR/journeys/bad.json at step "sale".trigger: "SALE_NEWW" is not a trigger of the catalog. Did you mean "SALE_NEW"?',
    );
  });

  it('refuses a cycle', () => {
    expect(
      loadError({
        name: 'bad',
        steps: [
          { name: 'a', trigger: 'SALE_NEW', after: 'b' },
          { name: 'b', trigger: 'SALE_CANCELED', after: 'a' },
        ],
      }),
    ).toBe(
      'Failed to load journey DIR/journeys/bad.json at step "a".after: the steps form a cycle (a -> b -> a). A step can only follow an earlier one.',
    );
  });

  it('refuses a missing carry-over', () => {
    expect(
      loadError({
        name: 'bad',
        steps: [
          { name: 'a', trigger: 'CONTACT_CREATED' },
          { name: 'b', trigger: 'SALE_CANCELED', carry: ['contact', 'order'] },
        ],
      }),
    ).toBe(
      'Failed to load journey DIR/journeys/bad.json at step "b".carry: carries "order" but no earlier step is a sale (SALE_NEW or customer.sale.completed). Add a sale step before it.',
    );
  });

  it('refuses a probability outside 0..1', () => {
    expect(loadError({ name: 'bad', steps: [{ name: 'a', trigger: 'SALE_NEW', probability: 1.5 }] })).toBe(
      'Failed to load journey DIR/journeys/bad.json at step "a".probability: 1.5 is outside 0..1. Write a chance like 0.3.',
    );
  });

  it('refuses a file that is not JSON, and an unknown journey name with a suggestion', () => {
    expect(loadError('{ nope')).toMatch(
      /^Failed to load journey DIR\/journeys\/bad\.json at \$: the file cannot be read as JSON \(.+\)\. Fix the file or the path\.$/,
    );
    expect(() => loadJourney('refnd')).toThrow(
      'Failed to load journey refnd at $: there is no journey of that name. Did you mean "refund"?',
    );
  });
});
