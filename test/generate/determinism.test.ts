import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { createGenerator, generate, generateEvents } from '../../src/generate/generator.js';
import { CLI } from '../support/cli.js';

function digest(texts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text + '\n');
  return hash.digest('hex');
}

describe('determinism', () => {
  it('gives the same bytes for the same seed, dates included', () => {
    const ids = BUILT_IN_TRIGGERS.map((t) => t.id);
    const first = [...generateEvents(ids, { count: 20, seed: 42 })].map((e) => e.body);
    const second = [...generateEvents(ids, { count: 20, seed: 42 })].map((e) => e.body);
    expect(second).toEqual(first);
  });

  it('gives different bytes for different seeds', () => {
    expect(generate('SALE_NEW', { seed: 1 }).body).not.toBe(generate('SALE_NEW', { seed: 2 }).body);
  });

  it('accepts string seeds, and a number and its string are the same seed', () => {
    expect(generate('SALE_NEW', { seed: 'staging-7' }).body).toBe(generate('SALE_NEW', { seed: 'staging-7' }).body);
    expect(generate('SALE_NEW', { seed: 7 }).body).toBe(generate('SALE_NEW', { seed: '7' }).body);
  });

  it('regenerates event i alone exactly as it appears in a full run', () => {
    const run = [...generateEvents(['SALE_NEW', 'CONTACT_CREATED'], { count: 600, seed: 9 })];
    const alone = generate('SALE_NEW', { seed: 9, index: 500 });
    const inRun = run.find((e) => e.trigger.id === 'SALE_NEW' && e.index === 500)!;
    expect(alone.body).toBe(inRun.body);
    const fromOffset = [...generateEvents(['CONTACT_CREATED'], { count: 3, seed: 9, startIndex: 499 })];
    expect(fromOffset.map((e) => e.index)).toEqual([499, 500, 501]);
    expect(fromOffset[1]!.body).toBe(run.find((e) => e.trigger.id === 'CONTACT_CREATED' && e.index === 500)!.body);
  });

  it('lets workers produce disjoint streams that together equal one run', () => {
    const whole = [...generateEvents(['SALE_NEW'], { count: 40, seed: 5 })].map((e) => e.body);
    const workerA = [...generateEvents(['SALE_NEW'], { count: 20, seed: 5, startIndex: 0 })].map((e) => e.body);
    const workerB = [...generateEvents(['SALE_NEW'], { count: 20, seed: 5, startIndex: 20 })].map((e) => e.body);
    expect([...workerA, ...workerB]).toEqual(whole);
    expect(new Set(whole).size).toBe(40);
  });

  it('pins the clock: --now sets event 0, and a seed alone derives a fixed date', () => {
    const pinned = createGenerator({ seed: 3, now: '2024-02-29T10:00:00Z' });
    expect(pinned.now.toISOString()).toBe('2024-02-29T10:00:00.000Z');
    const event = pinned.event('contact.tag.added', 0);
    expect((event.payload as { created_at: string }).created_at).toBe('2024-02-29T10:00:02+00:00');
    expect(createGenerator({ seed: 3 }).now.toISOString()).toBe(createGenerator({ seed: 3 }).now.toISOString());
    expect(createGenerator({ seed: 3 }).now.getTime()).toBeLessThan(Date.UTC(2026, 0, 1));
  });

  it('spaces the events of a run forward in time', () => {
    const times = [...generateEvents(['CONTACT_OPT_IN'], { count: 50, seed: 11 })].map((e) => e.eventTime.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
  });

  it('takes the exact event time the load engine passes', () => {
    const event = createGenerator({ seed: 1 }).event('SALE_NEW', 3, { at: new Date('2026-09-27T20:16:27.850Z') });
    expect(event.eventTime.toISOString()).toBe('2026-09-27T20:16:27.000Z');
    expect(event.payload.order.createdAt < '2026-09-27T20:16:27+00:00').toBe(true);
  });

  it('gives through eventBody the same bytes and time as event, for every trigger, with and without --set', () => {
    const at = Date.UTC(2026, 10, 28, 12, 0, 7, 250);
    const plain = createGenerator({ seed: 21 });
    const withSet = createGenerator({ seed: 21, set: ['customer.email=set@example.com'] });
    for (const trigger of BUILT_IN_TRIGGERS.map((t) => t.id)) {
      for (const index of [0, 1, 977]) {
        const event = plain.event(trigger, index);
        expect(plain.eventBody(trigger, index)).toEqual({ body: event.body, eventTime: event.eventTime });
        expect(plain.eventBody(trigger, index, { at })).toEqual({
          body: plain.event(trigger, index, { at }).body,
          eventTime: new Date(Date.UTC(2026, 10, 28, 12, 0, 7)),
        });
      }
    }
    const overridden = withSet.eventBody('SALE_NEW', 3, { at });
    expect(overridden.body).toBe(withSet.event('SALE_NEW', 3, { at }).body);
    expect(JSON.parse(overridden.body).customer.email).toBe('set@example.com');
    expect(() => plain.eventBody('SALE_NEW', -1)).toThrow(
      'Failed to generate event -1: an index is a whole number from 0. Pass e.g. --index 500.',
    );
  });

  it('writes identical bytes from two separate processes', () => {
    const args = [CLI, 'generate', '--all', '--count', '30', '--seed', '1234'];
    const first = execFileSync(process.execPath, args, { encoding: 'utf8' });
    const second = execFileSync(process.execPath, args, { encoding: 'utf8' });
    expect(first.split('\n')).toHaveLength(17 * 30 + 1);
    expect(digest([second])).toBe(digest([first]));
    const inProcess = [
      ...generateEvents(
        BUILT_IN_TRIGGERS.map((t) => t.id),
        { count: 30, seed: '1234' },
      ),
    ]
      .map((e) => e.body + '\n')
      .join('');
    expect(first).toBe(inProcess);
  });
});
