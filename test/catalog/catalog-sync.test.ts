import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES_DIR, listTriggers } from '../../src/catalog/catalog.js';
import { DOCUMENTED_SCHEMAS } from '../../src/catalog/documented-schemas.js';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';

function templateFiles(): string[] {
  return readdirSync(BUILT_IN_TEMPLATES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json') && !name.startsWith('journeys/')) // journeys are not trigger templates
    .map((name) => name.replace(/\\/g, '/'))
    .sort();
}

describe('the catalog and the template files', () => {
  it('lists the 11 automation and 6 webhooks triggers', () => {
    expect(BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'automation')).toHaveLength(11);
    expect(BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'webhooks').map((t) => t.id)).toEqual([
      'CONTACT_CREATED',
      'CONTACT_TAG_ADDED',
      'CONTACT_TAG_REMOVED',
      'CONTACT_OPT_IN',
      'SALE_NEW',
      'SALE_CANCELED',
    ]);
  });

  it('has exactly one template file per trigger, and no file without a trigger', () => {
    expect(templateFiles()).toEqual(BUILT_IN_TRIGGERS.map((t) => t.template).sort());
  });

  it('names the same trigger inside each template file as the catalog does', () => {
    for (const trigger of BUILT_IN_TRIGGERS) {
      const template = JSON.parse(readFileSync(join(BUILT_IN_TEMPLATES_DIR, trigger.template), 'utf8')) as { trigger: string };
      expect(template.trigger, trigger.template).toBe(trigger.id);
    }
  });

  it('gives the two opt-in variants one wire name and distinct ids', () => {
    const optins = BUILT_IN_TRIGGERS.filter((t) => t.wireName === 'contact.optin.completed');
    expect(optins.map((t) => [t.id, t.variant])).toEqual([
      ['contact.optin.completed:funnel-step', 'funnel-step'],
      ['contact.optin.completed:blog-page', 'blog-page'],
    ]);
  });

  it('has a documented schema for every trigger and none besides', () => {
    expect(Object.keys(DOCUMENTED_SCHEMAS).sort()).toEqual(BUILT_IN_TRIGGERS.map((t) => t.id).sort());
  });

  it('gives schema versions to the webhooks dialect only (contacts 1, sales 2)', () => {
    expect(
      listTriggers()
        .map((t) => `${t.id}:${String(t.schemaVersion)}`)
        .filter((s) => !s.endsWith(':null')),
    ).toEqual(['CONTACT_CREATED:1', 'CONTACT_TAG_ADDED:1', 'CONTACT_TAG_REMOVED:1', 'CONTACT_OPT_IN:1', 'SALE_NEW:2', 'SALE_CANCELED:2']);
  });
});
