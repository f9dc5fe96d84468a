import { describe, expect, it } from 'vitest';
import { compileBody } from '../../src/catalog/compile-template.js';
import { getTrigger } from '../../src/catalog/catalog.js';
import { encodePhpJson } from '../../src/encode/encode-php-json.js';
import { createEventScope, createWorldContact } from '../../src/world/event-scope.js';

const SEED = '5';
const NOW = Date.UTC(2025, 5, 1);
const READ_ORDERS: readonly (readonly string[])[] = [
  ['referredByContactId', 'tags', 'sourceUrl', 'unsubscribed', 'bounced', 'needsConfirmation'],
  ['needsConfirmation', 'bounced', 'sourceUrl', 'tags', 'referredByContactEmail'],
  ['sourceUrl'],
];

function scopeOf(k: number) {
  // A trigger with no tag effect: the view shows the person's own tags, as createWorldContact does.
  const effects = getTrigger('contact.page.visited').effects;
  return createEventScope({ seed: SEED, index: 0, effects, eventTimeMs: NOW, worldNowMs: NOW }, { person: { k } });
}

describe("an event's contact view draws its referrer, tags, source URL and flags on first read", () => {
  it('gives the values of the plain world contact whatever is read first (300 contacts, 3 read orders)', () => {
    for (let k = 1; k <= 300; k++) {
      const plain = createWorldContact(SEED, k * 3301, NOW) as unknown as Record<string, unknown>;
      for (const order of READ_ORDERS) {
        const view = scopeOf(k * 3301).contact as unknown as Record<string, unknown>;
        for (const name of order) expect(view[name], `k ${k * 3301}, ${name} read first`).toEqual(plain[name]);
        expect(JSON.parse(JSON.stringify(view))).toEqual(JSON.parse(JSON.stringify(plain)));
      }
    }
    // The draws vary, so the comparison above compares something.
    const referred = Array.from({ length: 300 }, (_, k) => createWorldContact(SEED, (k + 1) * 3301, NOW).referredByContactId);
    expect(referred.filter((id) => id !== null).length).toBeGreaterThan(30);
  });

  it('encodes as a whole value ("{{contact}}" in a template) to the same bytes as the plain contact, keys in order', () => {
    const body = compileBody({ contact: '{{contact}}' }, 'whole-contact.json');
    for (const k of [1, 2, 77, 123_456]) {
      const plain = createWorldContact(SEED, k, NOW);
      expect(body.renderBytes(scopeOf(k))).toBe(`{"contact":${encodePhpJson(plain)}}`);
      expect(Object.keys(JSON.parse(body.renderBytes(scopeOf(k))).contact)).toEqual([
        'id',
        'email',
        'firstName',
        'lastName',
        'country',
        'locale',
        'fieldsBySlug',
        'fieldList',
        'ip',
        'referredByContactId',
        'referredByContactEmail',
        'registeredAt',
        'sourceUrl',
        'unsubscribed',
        'bounced',
        'needsConfirmation',
        'tags',
        'customerId',
        'clientIp',
      ]);
    }
  });
});
