import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CAUSAL_RULES, parseRaise } from '../../src/journey/causal-rules.js';
import { createJourneyGenerator, generateJourneys, type JourneyEvent } from '../../src/journey/generate-journeys.js';
import { listJourneys } from '../../src/journey/load-journey.js';
import { createGenerator } from '../../src/generate/generator.js';
import { fireLoad } from '../../src/load/fire-load.js';
import { createInbox, type Inbox } from '../../src/receiver/create-inbox.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../dist/cli/main.js');
const BOTH = { automation: true, webhooks: true } as const;

// biome-ignore lint/suspicious/noExplicitAny: payloads read ad hoc in assertions, shape checked by validatePayload.
type Json = Record<string, any>;

function byJourney(events: Iterable<JourneyEvent>): Map<number, JourneyEvent[]> {
  const journeys = new Map<number, JourneyEvent[]>();
  for (const item of events) journeys.set(item.journey, [...(journeys.get(item.journey) ?? []), item]);
  return journeys;
}

/** The event's `data` (automation) or body (webhooks). */
const dataOf = (item: JourneyEvent): Json => {
  const payload = item.event.payload as Json;
  return item.event.trigger.dialect === 'automation' ? payload['data'] : payload;
};

let inbox: Inbox | undefined;
afterEach(async () => {
  await inbox?.close();
  inbox = undefined;
});

describe('what one action raises', () => {
  it('a refund journey raising both dialects: the sale in both, a tag per tag resource, an enrolment per course resource, then SALE_CANCELED', () => {
    const stream = [...generateJourneys('refund', { count: 50, seed: 3, raises: BOTH })];
    // The whole stream is in time order.
    for (let i = 1; i < stream.length; i++)
      expect(stream[i]!.event.eventTime.getTime()).toBeGreaterThanOrEqual(stream[i - 1]!.event.eventTime.getTime());
    const journeys = byJourney(stream);
    expect(journeys.size).toBe(50);
    let tags = 0;
    let courses = 0;
    for (const events of journeys.values()) {
      const sale = dataOf(events[0]!);
      // The oracle: the resources the SALE_NEW body lists, as systeme.io shows them.
      const resources = sale['orderItem']['resources'] as Json[];
      const expected: Array<[string, number | null]> = [
        ['SALE_NEW', null],
        ['customer.sale.completed', null],
      ];
      for (const resource of resources) {
        if (resource['tag'] !== null) expected.push(['contact.tag.added', resource['tag'].id], ['CONTACT_TAG_ADDED', resource['tag'].id]);
        if (resource['course'] !== null) expected.push(['contact.course.enrolled', resource['course'].id]);
      }
      expected.push(['SALE_CANCELED', null]);
      const got = events.map((item): [string, number | null] => {
        const data = dataOf(item);
        const id = item.event.trigger.id;
        return [id, /tag/i.test(id) ? data['tag'].id : /course/i.test(id) ? data['course'].id : null];
      });
      expect(got).toEqual(expected);
      // Names too, and the course's access type is the resource's.
      for (const item of events) {
        const data = dataOf(item);
        if (/tag/i.test(item.event.trigger.id)) expect(resources.some((r) => r['tag']?.name === data['tag'].name)).toBe(true);
        if (item.event.trigger.id === 'contact.course.enrolled') {
          const resource = resources.find((r) => r['course']?.id === data['course'].id)!;
          expect([data['course'].name, data['access_type']]).toEqual([resource['course'].name, resource['enrollmentAccessType']]);
        }
      }
      tags += expected.filter(([id]) => id === 'CONTACT_TAG_ADDED').length;
      courses += expected.filter(([id]) => id === 'contact.course.enrolled').length;
      // One order and one customer in both dialects; the contact in every delivery.
      const automationSale = dataOf(events[1]!);
      const cancel = dataOf(events.at(-1)!);
      expect([automationSale['order'].id, cancel['order'].id]).toEqual([sale['order'].id, sale['order'].id]);
      expect([automationSale['customer'].id, cancel['customer'].id]).toEqual([sale['customer'].id, sale['customer'].id]);
      const contactId = sale['customer'].contactId as number;
      for (const item of events.slice(2, -1)) expect(dataOf(item)['contact'].id).toBe(contactId);
      // In time order within the journey, follow-ons seconds after the sale, positions and `last` by time.
      const times = events.map((item) => item.event.eventTime.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[1]).toBe(times[0]);
      for (const t of times.slice(2, -1)) expect(t - times[0]!).toBeGreaterThanOrEqual(1000);
      for (const t of times.slice(2, -1)) expect(t - times[0]!).toBeLessThanOrEqual(5000 * resources.length + 1000);
      expect(events.map((item) => item.position)).toEqual(events.map((_, i) => i));
      expect(events.map((item) => item.last)).toEqual(events.map((_, i) => i === events.length - 1));
    }
    // The seed's offers include both kinds of resource, so both rules were exercised.
    expect(tags).toBeGreaterThan(0);
    expect(courses).toBeGreaterThan(0);
  });

  it('the account configuration decides which deliveries go out', () => {
    const only = (raises: Parameters<typeof parseRaise>[0]) =>
      [...byJourney(generateJourneys('refund', { count: 20, seed: 3, raises: parseRaise(raises) })).values()].map((events) =>
        events.map((item) => item.event.trigger.id),
      );
    const all = [...byJourney(generateJourneys('refund', { count: 20, seed: 3, raises: BOTH })).values()].map((events) =>
      events.map((item) => item.event.trigger.id),
    );
    expect(only('webhooks')).toEqual(all.map((ids) => ids.filter((id) => /^[A-Z_]+$/.test(id))));
    expect(only('automation')).toEqual(all.map((ids) => ids.filter((id) => !/^[A-Z_]+$/.test(id))));
    // No automation rule reports a cancellation: journeys of an automation-only account stop at the sale's follow-ons.
    expect(only('automation').every((ids) => !ids.includes('SALE_CANCELED'))).toBe(true);
    expect(only('SALE_CANCELED')).toEqual(Array(20).fill(['SALE_CANCELED']));
    expect(only('webhooks,contact.course.enrolled')).toEqual(
      all.map((ids) => ids.filter((id) => /^[A-Z_]+$/.test(id) || id === 'contact.course.enrolled')),
    );
    // The step's own delivery keeps its bytes whatever else goes out.
    const plain = [...generateJourneys('refund', { count: 20, seed: 3 })]
      .filter((item) => item.event.trigger.id === 'SALE_NEW')
      .map((item) => item.event.body);
    const raised = [...generateJourneys('refund', { count: 20, seed: 3, raises: BOTH })]
      .filter((item) => item.event.trigger.id === 'SALE_NEW')
      .map((item) => item.event.body);
    expect(raised).toEqual(plain);
  });

  it("lead-to-buyer raising both: the sale enrols once (the journey's own enrolment step is that enrolment), the tag step names one tag in both dialects", () => {
    const journeys = byJourney(generateJourneys('lead-to-buyer', { count: 60, seed: 2, raises: BOTH }));
    let buyers = 0;
    for (const events of journeys.values()) {
      const ids = events.map((item) => item.event.trigger.id);
      expect(ids.slice(0, 4)).toEqual(['contact.optin.completed:funnel-step', 'CONTACT_OPT_IN', 'contact.tag.added', 'CONTACT_TAG_ADDED']);
      expect(dataOf(events[2]!)['tag']).toEqual(dataOf(events[3]!)['tag']);
      if (!ids.includes('customer.sale.completed')) continue;
      buyers++;
      const sale = dataOf(events.find((item) => item.event.trigger.id === 'customer.sale.completed')!);
      const granted = (sale['order_item']['resources'] as Json[]).filter((r) => r['type'] === 'membership_course').map((r) => r['data'].id);
      expect(events.filter((item) => item.event.trigger.id === 'contact.course.enrolled').map((item) => dataOf(item)['course'].id)).toEqual(
        granted,
      );
      expect(granted.length).toBeGreaterThan(0);
    }
    expect(buyers).toBeGreaterThan(5);
  });

  it("by default every built-in journey raises only its steps' own triggers, with the bytes the plan gives", () => {
    for (const name of listJourneys()) {
      const journeys = createJourneyGenerator(name, { seed: 11 });
      const generator = createGenerator({ seed: 11 });
      const expected: string[] = [];
      for (let j = 0; j < 50; j++) {
        for (const planned of journeys.plan(j).steps) {
          if (planned.trigger !== null)
            expected.push(generator.event(planned.trigger.id, planned.eventIndex, { at: planned.atMs, scope: planned.scope }).body);
        }
      }
      const got = [...generateJourneys(name, { count: 50, seed: 11 })].map((item) => item.event.body);
      expect(got.length).toBe(expected.length);
      expect([...got].sort()).toEqual([...expected].sort());
      expect([...generateJourneys(name, { count: 50, seed: 11, raises: undefined })].map((item) => item.event.body)).toEqual(got);
    }
  });

  it("every rule is marked documented or assumed; only the sale's resource events are assumed", () => {
    const assumed = CAUSAL_RULES.flatMap((rule) =>
      rule.raises.filter((raised) => !raised.documented).map((raised) => `${rule.action}: ${raised.trigger}`),
    );
    expect(assumed).toEqual(['sale: contact.tag.added', 'sale: CONTACT_TAG_ADDED', 'sale: contact.course.enrolled']);
  });

  it('generate --journey refund --raise automation,webhooks writes the raised deliveries in time order', async () => {
    const { stdout } = await run(process.execPath, [
      BIN,
      'generate',
      '--journey',
      'refund',
      '--raise',
      'automation,webhooks',
      '--count',
      '3',
      '--seed',
      '1',
    ]);
    const expected = [...generateJourneys('refund', { count: 3, seed: '1', raises: BOTH })];
    expect(stdout).toBe(expected.map((item) => `${item.event.body}\n`).join(''));
    expect(expected.filter((item) => item.event.trigger.id === 'SALE_NEW').length).toBe(3);
    expect(expected.filter((item) => item.event.trigger.id === 'customer.sale.completed').length).toBe(3);
    expect(expected.filter((item) => item.event.trigger.id === 'SALE_CANCELED').length).toBe(3);
    expect(expected.length).toBeGreaterThan(9);
  });

  it('a bad --raise value is a one-line error naming the fix', async () => {
    const failure = await run(process.execPath, [
      BIN,
      'generate',
      '--journey',
      'refund',
      '--raise',
      'automation,webhook',
      '--count',
      '1',
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stdout).toBe('');
    const lines = failure!.stderr.trimEnd().split('\n');
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain(
      'Failed to read --raise "automation,webhook": "webhook" is neither automation, webhooks nor a trigger the rules raise',
    );
    expect(lines[0]).toMatch(/Pass e\.g\. --raise automation,webhooks\.$/);
    const without = await run(process.execPath, [BIN, 'generate', 'SALE_NEW', '--raise', 'webhooks']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(without?.code).toBe(2);
    expect(without?.stderr.trimEnd()).toMatch(
      /^[^\n]*Failed to generate: --raise applies to --journey\. Add --journey NAME or drop --raise\.$/,
    );
  });

  it('send --journey refund --raise automation,webhooks delivers every raised delivery, in order, signed where signed', async () => {
    inbox = await createInbox({ secrets: ['raise-secret'] });
    const dir = mkdtempSync(join(tmpdir(), 'raise-send-'));
    writeFileSync(join(dir, 'secret'), 'raise-secret');
    const { stdout } = await run(process.execPath, [
      BIN,
      'send',
      '--journey',
      'refund',
      '--raise',
      'automation,webhooks',
      '--count',
      '3',
      '--seed',
      '1',
      '--no-wait',
      '--to',
      inbox.url,
      '--secret-file',
      join(dir, 'secret'),
    ]);
    const expected = [...generateJourneys('refund', { count: 3, seed: '1', raises: BOTH })];
    expect(stdout).toContain(`${expected.length} delivered, 0 failed, ${expected.length} attempts`);
    expect(inbox.deliveries.map((d) => d.body)).toEqual(expected.map((item) => item.event.body));
    expect(inbox.deliveries.filter((d) => d.signature === 'valid').length).toBe(
      expected.filter((item) => item.event.trigger.dialect === 'webhooks').length,
    );
  });

  it('fire --journey --raise counts a journey complete once its last raised delivery is answered', async () => {
    inbox = await createInbox({ secrets: ['raise-secret'] });
    const { report, verdict } = await fireLoad({
      journey: 'refund',
      raise: 'automation,webhooks',
      speed: 100_000_000,
      to: inbox.url,
      rate: '100/s',
      duration: '500ms',
      seed: 4,
      secret: 'raise-secret',
      env: {},
    });
    expect(verdict).toBe('passed');
    const started = report.journeys!.started;
    expect(report.journeys).toEqual({ started, completed: started, broken: 0 });
    const planned = [...generateJourneys('refund', { count: started, seed: 4, raises: BOTH })];
    expect(report.counts.sent).toBe(planned.length);
    const count = (list: string[]) => Object.fromEntries([...new Set(list)].sort().map((t) => [t, list.filter((x) => x === t).length]));
    expect(count(inbox.deliveries.map((d) => d.trigger ?? ''))).toEqual(count(planned.map((p) => p.event.trigger.id)));
  });
});
