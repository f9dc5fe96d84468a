import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UNPUBLISHED_TRIGGERS } from '../../src/catalog/unpublished-triggers.js';
import { runCli } from '../support/cli.js';

const FIXTURES = fileURLToPath(new URL('../capture/fixtures/', import.meta.url));
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'systeme-mock-template-'));
const COUNT = 1000;

/**
 * A made-up capture of an unpublished trigger ("module completed"): systeme.io never published one, so
 * its type and the `module` object are invented for the test; the rest follows the 2026 course.enrolled capture.
 */
const MODULE_COMPLETED =
  '{"type":"contact.module.completed","data":{"module":{"id":91234,"name":"Module 2 : les bases"},"course":{"id":680647,"name":"Formation test PULSACITY","description":null},' +
  '"contact":{"referred_by_contact_id":null,"referred_by_contact_email":null,"id":445573087,"email":"utilisateurdemo+capture@example.com","fields":{"first_name":"Test","surname":"Capture"},"ip":null},' +
  '"completed_at":"2026-10-02T08:00:00+00:00"},"account":{"email":"utilisateurdemo@example.com"},"created_at":"2026-10-02T08:00:01+00:00"}';

/** Every object's keys, in order, by path (a contact's fields are the world's, so they are left out). */
function keyOrders(value: unknown, path = '$', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) keyOrders(item, `${path}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    out.push(`${path}: ${Object.keys(value).join(',')}`);
    for (const [key, child] of Object.entries(value)) if (key !== 'fields') keyOrders(child, `${path}.${key}`, out);
  }
  return out;
}

interface ModuleBody {
  readonly data: {
    readonly module: unknown;
    readonly course: { readonly id: number };
    readonly contact: { readonly id: number; readonly email: string; readonly ip: string | null; readonly fields: unknown };
  };
  readonly created_at: string;
}

function distinct(bodies: readonly ModuleBody[], read: (body: ModuleBody) => unknown): number {
  return new Set(bodies.map((body) => JSON.stringify(read(body)))).size;
}

describe('systeme-mock template --from', () => {
  it('grows a template for an unpublished trigger: world values as placeholders, the rest literal and listed in notes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'module.json'), MODULE_COMPLETED);
    const result = runCli(['template', '--from', 'module.json', '--out', 'my-templates'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'Wrote my-templates/automation/contact.module.completed.json: trigger contact.module.completed (automation, contact.module.completed), 12 values from the world, 2 kept as captured (listed in its notes).\n' +
        'Try it: systeme-mock generate contact.module.completed --templates my-templates --count 3\n',
    );
    const template = JSON.parse(readFileSync(join(dir, 'my-templates/automation/contact.module.completed.json'), 'utf8')) as {
      trigger: unknown;
      notes: string[];
      body: unknown;
    };
    expect(template.trigger).toEqual({
      id: 'contact.module.completed',
      dialect: 'automation',
      wireName: 'contact.module.completed',
      description: 'Grown from a capture of contact.module.completed.',
    });
    expect(template.notes).toEqual([
      'Grown from a capture (module.json) by "systeme-mock template --from": 12 values come from the world, 2 stay as captured.',
      'Kept as captured (no world value for them; edit to taste): $.data.module.id = 91234; $.data.module.name = "Module 2 : les bases".',
    ]);
    expect(template.body).toEqual({
      type: 'contact.module.completed',
      data: {
        module: { id: 91234, name: 'Module 2 : les bases' },
        course: { id: '{{course.id}}', name: '{{course.name}}', description: '{{course.description}}' },
        contact: {
          referred_by_contact_id: '{{contact.referredByContactId}}',
          referred_by_contact_email: '{{contact.referredByContactEmail}}',
          id: '{{contact.id}}',
          email: '{{contact.email}}',
          fields: '{{contact.fieldsBySlug}}',
          ip: '{{contact.ip}}',
        },
        completed_at: '{{event.createdAt}}',
      },
      account: { email: '{{account.email}}' },
      created_at: '{{event.createdAt}}',
    });
    // The capture's key order is kept, at every level.
    expect(keyOrders(template.body)).toEqual(keyOrders(JSON.parse(MODULE_COMPLETED)));
  });

  it(`round-trips: ${COUNT} bodies generated from the new template all pass validate against the capture, and their values vary`, () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'module.json'), MODULE_COMPLETED);
    expect(runCli(['template', '--from', 'module.json', '--out', 't'], { cwd: dir }).status).toBe(0);
    const generated = runCli(['generate', 'contact.module.completed', '--templates', 't', '--count', String(COUNT), '--seed', '11'], {
      cwd: dir,
    });
    expect(generated.status).toBe(0);
    const lines = generated.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(COUNT);
    const checked = runCli(['validate', '-', '--against', 'module.json'], { cwd: dir, input: generated.stdout });
    expect(checked.stderr).toBe('');
    expect(checked.stdout.endsWith(`\n${COUNT} deliveries: ${COUNT} match, 0 drift.\n`)).toBe(true);
    expect(checked.status).toBe(0);
    const bodies = lines.map((line) => JSON.parse(line) as ModuleBody);
    expect(distinct(bodies, (b) => b.data.contact.id)).toBeGreaterThan(990);
    expect(distinct(bodies, (b) => b.data.contact.email)).toBeGreaterThan(990);
    expect(distinct(bodies, (b) => b.created_at)).toBe(COUNT);
    expect(distinct(bodies, (b) => b.data.course.id)).toBeGreaterThan(1);
    expect(distinct(bodies, (b) => b.data.contact.ip === null)).toBe(2);
    expect(distinct(bodies, (b) => Array.isArray(b.data.contact.fields))).toBe(2);
    // What the world cannot produce stays as captured.
    expect(distinct(bodies, (b) => b.data.module)).toBe(1);
    expect(bodies.every((b) => keyOrders(b).join('\n') === keyOrders(JSON.parse(MODULE_COMPLETED)).join('\n'))).toBe(true);
  });

  it('round-trips the real 2026 captures too: course.enrolled (automation) and SALE_NEW (webhooks, with its headers)', () => {
    const dir = tempDir();
    for (const [capture, id] of [
      ['course-enrolled-2026.json', 'course.enrolled.2026'],
      ['sale-new-2026.json', 'SALE_NEW.2026'],
    ] as const) {
      const grown = runCli(['template', '--from', join(FIXTURES, capture), '--id', id, '--out', 't'], { cwd: dir });
      expect(grown.status).toBe(0);
      const generated = runCli(['generate', id, '--templates', 't', '--count', String(COUNT), '--seed', '3'], { cwd: dir });
      expect(generated.status).toBe(0);
      const against = runCli(['validate', '--against', join(FIXTURES, capture)], { cwd: dir, input: generated.stdout });
      expect(against.stdout.endsWith(`\n${COUNT} deliveries: ${COUNT} match, 0 drift.\n`)).toBe(true);
      expect(against.status).toBe(0);
      // The capture matched the catalog, so the bodies grown from it match the catalog as well.
      const catalog = runCli(['validate'], { cwd: dir, input: generated.stdout });
      expect(catalog.stdout.endsWith(`\n${COUNT} deliveries: ${COUNT} match, 0 drift.\n`)).toBe(true);
      const bodies = generated.stdout.trimEnd().split('\n');
      expect(new Set(bodies).size).toBe(COUNT);
    }
    const sale = JSON.parse(readFileSync(join(dir, 't/webhooks/SALE_NEW.2026.json'), 'utf8')) as {
      trigger: unknown;
      body: { order: unknown };
    };
    expect(sale.trigger).toEqual({
      id: 'SALE_NEW.2026',
      dialect: 'webhooks',
      wireName: 'SALE_NEW',
      schemaVersion: 2,
      description: 'Grown from a capture of SALE_NEW.',
    });
    expect(sale.body.order).toEqual({
      id: '{{sale.order.id}}',
      createdAt: '{{sale.order.createdAt}}',
      discountAmount: '{{sale.order.discountAmount}}',
      discountType: '{{sale.order.discountType}}',
      shippingFee: '{{sale.order.shippingFee}}',
      totalPrice: '{{sale.order.totalPrice}}',
      vat: '{{sale.order.vat | float}}',
    });
  });

  it('prints to stdout without --out, and fails with one line on bad input', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'two.ndjson'), `${MODULE_COMPLETED}\n${MODULE_COMPLETED}\n`);
    writeFileSync(join(dir, 'module.json'), MODULE_COMPLETED);
    const printed = runCli(['template', '--from', 'module.json'], { cwd: dir });
    expect(printed.status).toBe(0);
    expect((JSON.parse(printed.stdout) as { trigger: { id: string } }).trigger.id).toBe('contact.module.completed');
    expect(runCli(['template'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr:
        'systeme-mock: Failed to grow a template: no capture given. Pass --from capture.json (a raw body, {"headers", "body"} JSON or a HAR file).\n',
    });
    expect(runCli(['template', '--from', 'two.ndjson'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr: 'systeme-mock: Failed to grow a template from two.ndjson: it holds 2 deliveries. Pass a file with one capture.\n',
    });
    expect(runCli(['template', '--from', 'module.json', '--out', 't'], { cwd: dir }).status).toBe(0);
    expect(runCli(['template', '--from', 'module.json', '--out', 't'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr:
        'systeme-mock: Failed to write the template t/automation/contact.module.completed.json: the file exists. Pass --force to replace it, or --id for another name.\n',
    });
    writeFileSync(join(dir, 'anon.json'), '{"a":1,"b":[]}');
    expect(runCli(['template', '--from', 'anon.json'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr:
        'systeme-mock: Failed to grow a template from anon.json: the trigger cannot be told: no x-webhook-event header, no "type" in the body, and its keys [a, b] fit no documented event; capture the headers too ({"headers", "body"} JSON or a HAR file).\n',
    });
  });
});

describe('systeme-mock list --all', () => {
  it('shows the 10 automation triggers with no published payload, after the catalog', () => {
    const result = runCli(['list', '--all']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(18 + 1 + 11);
    expect(lines.slice(19)).toEqual([
      'UNPUBLISHED (automation rules)  STATUS',
      'website form subscribed         no published payload: capture one and run template --from',
      'creator-page form subscribed    no published payload: capture one and run template --from',
      'course completed                no published payload: capture one and run template --from',
      'module completed                no published payload: capture one and run template --from',
      'chapter completed               no published payload: capture one and run template --from',
      'community joined                no published payload: capture one and run template --from',
      'sale cancelled                  no published payload: capture one and run template --from',
      'email opened                    no published payload: capture one and run template --from',
      'subscription payment failed     no published payload: capture one and run template --from',
      'meeting scheduled               no published payload: capture one and run template --from',
    ]);
    expect(runCli(['list']).stdout).not.toContain('UNPUBLISHED');
    const rows = JSON.parse(runCli(['list', '--all', '--json']).stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(27);
    expect(rows[17]).toEqual({
      id: null,
      label: 'website form subscribed',
      dialect: 'automation',
      published: false,
      status: 'no published payload: capture one and run template --from',
    });
    expect(rows.slice(17).map((row) => row['label'])).toEqual(UNPUBLISHED_TRIGGERS.map((t) => t.label));
  });
});
