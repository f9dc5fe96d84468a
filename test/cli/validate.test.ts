import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_EXAMPLES } from '../../src/catalog/documented-examples.js';
import { recordHar } from '../capture/record-har.js';
import { runCli } from '../support/cli.js';

const FIXTURES = fileURLToPath(new URL('../capture/fixtures/', import.meta.url));
const SALE = DOCUMENTED_EXAMPLES.find((e) => e.trigger === 'SALE_NEW')!;
const COURSE_2026 = DOCUMENTED_EXAMPLES.find((e) => e.trigger === 'contact.course.enrolled' && e.source.startsWith('CAP'))!;
const SECRET = 'whsec-test-2026';
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'systeme-mock-validate-'));
/** An independent HMAC: node:crypto directly, not the library's signer. */
const hmac = (body: string | Buffer, secret = SECRET): string => createHmac('sha256', secret).update(body).digest('hex');

/** The CAP SALE_NEW headers, with a signature made with the test secret (the real one is unknown). */
function signedHeaders(body: string | Buffer, secret = SECRET): Record<string, string> {
  return { ...SALE.headers, 'x-webhook-signature': hmac(body, secret) };
}

/** The CAP SALE_NEW body with three planted changes: customer.email renamed, order.id a string, a new order.paidAt. */
function plantedSale(): string {
  return SALE.body
    .replace('"email":', '"mail":')
    .replace('"id":12768313', '"id":"12768313"')
    .replace('"vat":0.0}', '"vat":0.0,"paidAt":"2026-09-27T20:16:26+00:00"}');
}

const SEED_LINES = [
  ['contact.optin.completed:funnel-step', 'from the body\'s "type" and the closer of its 2 documented shapes'],
  ['customer.sale.completed', 'from the body\'s "type"'],
  ['contact.tag.added', 'from the body\'s "type"'],
  ['contact.tag.removed', 'from the body\'s "type"'],
  ['contact.optin.completed:blog-page', 'from the body\'s "type" and the closer of its 2 documented shapes'],
  ['contact.webinar.registered', 'from the body\'s "type"'],
  ['contact.course.enrolled', 'from the body\'s "type"'],
  ['contact.course_bundle.enrolled', 'from the body\'s "type"'],
  ['contact.campaign.finished', 'from the body\'s "type"'],
  ['contact.page.visited', 'from the body\'s "type"'],
  ['contact.email_link.clicked', 'from the body\'s "type"'],
].flatMap(([id, how], i) => [
  `seed-2021.ndjson:${i + 1}`,
  `  trigger    ${id!} (automation, ${how!})`,
  `  schema     matches the documented ${id!}`,
  '  signature  none (automation dialect: systeme.io never signs it)',
]);

describe('systeme-mock validate on the captures of the reference', () => {
  it('accepts the 11 SEED payloads, the 2026 course.enrolled capture (key order as information) and the 2026 SALE_NEW, exit 0', () => {
    const result = runCli(['validate', 'seed-2021.ndjson', 'course-enrolled-2026.json', 'sale-new-2026.json', 'sale-new-2026.body.json'], {
      cwd: FIXTURES,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        ...SEED_LINES,
        'course-enrolled-2026.json',
        '  trigger    contact.course.enrolled (automation, from the body\'s "type")',
        '  schema     matches the documented contact.course.enrolled (1 note)',
        '  signature  none (automation dialect: systeme.io never signs it)',
        '  info   $.data.contact: key order differs (information: order is not a contract): documented [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email], captured [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
        'sale-new-2026.json',
        '  trigger    SALE_NEW (webhooks, from the x-webhook-event header)',
        '  schema     matches the documented SALE_NEW',
        '  signature  not checked (pass --secret-file to check it)',
        'sale-new-2026.body.json',
        "  trigger    SALE_NEW (webhooks, inferred from the body's keys: SALE_NEW or SALE_CANCELED, which share one documented shape (compared with SALE_NEW); only the x-webhook-event header tells them apart: capture the headers too)",
        '  schema     matches the documented SALE_NEW',
        '  signature  not checked (pass --secret-file to check it)',
        '14 deliveries: 14 match, 0 drift.',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
  });

  it('prints the same verdicts as JSON for tools', () => {
    const result = runCli(['validate', 'course-enrolled-2026.json', '--json'], { cwd: FIXTURES });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: true,
      deliveries: [
        {
          source: 'course-enrolled-2026.json',
          form: 'wrapped',
          status: 'match',
          trigger: 'contact.course.enrolled',
          dialect: 'automation',
          wireName: 'contact.course.enrolled',
          candidates: ['contact.course.enrolled'],
          identifiedBy: 'from the body\'s "type"',
          verdict: 'matches the documented contact.course.enrolled (1 note)',
          signature: 'unsigned',
          differences: [
            {
              kind: 'order',
              drift: false,
              path: '$.data.contact',
              message:
                'key order differs (information: order is not a contract): documented [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email], captured [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
              documented: '[id, email, fields, ip, referred_by_contact_id, referred_by_contact_email]',
              captured: '[referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
            },
          ],
          notes: [],
        },
      ],
    });
  });
});

describe('systeme-mock validate on planted drift', () => {
  it('reports a renamed key, a type change and a new key exactly, exit 1 (text)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'drift.json'), JSON.stringify({ headers: SALE.headers, body: plantedSale() }));
    const result = runCli(['validate', 'drift.json'], { cwd: dir });
    expect(result.stdout).toBe(
      [
        'drift.json',
        '  trigger    SALE_NEW (webhooks, from the x-webhook-event header)',
        '  schema     drift from the documented SALE_NEW: 3 differences',
        '  signature  not checked (pass --secret-file to check it)',
        '  drift  $.customer.email: key renamed to "mail"? ("email" is missing; "mail" is new and fits its type: string)',
        '  drift  $.order.paidAt: key added (string)',
        '  drift  $.order.id: type changed: documented integer, captured string',
        '1 delivery: 0 match, 1 drift.',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(1);
  });

  it('reports the same drift as JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'drift.json'), plantedSale());
    const result = runCli(['validate', 'drift.json', '--json'], { cwd: dir });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; deliveries: Array<Record<string, unknown>> };
    expect(report.ok).toBe(false);
    expect(report.deliveries[0]!['status']).toBe('drift');
    expect(report.deliveries[0]!['candidates']).toEqual(['SALE_NEW', 'SALE_CANCELED']);
    expect(report.deliveries[0]!['differences']).toEqual([
      {
        kind: 'renamed',
        drift: true,
        path: '$.customer.email',
        message: 'key renamed to "mail"? ("email" is missing; "mail" is new and fits its type: string)',
        documented: 'email',
        captured: 'mail',
      },
      { kind: 'added', drift: true, path: '$.order.paidAt', message: 'key added (string)', captured: 'string' },
      {
        kind: 'type',
        drift: true,
        path: '$.order.id',
        message: 'type changed: documented integer, captured string',
        documented: 'integer',
        captured: 'string',
      },
    ]);
  });

  it('exits 1 on a trigger the catalog does not know, and says how to add it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'completed.json'), COURSE_2026.body.replace('contact.course.enrolled', 'contact.course.completed'));
    const result = runCli(['validate', 'completed.json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').slice(1, 3)).toEqual([
      '  trigger    type "contact.course.completed" is not in the catalog (systeme.io has published no payload for it: run "systeme-mock template --from" on this capture to add it)',
      '  schema     not checked: the trigger is unknown',
    ]);
  });

  it('exits 2 with one line naming the file and the fix on unreadable input', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cut.json'), '{"customer":');
    const result = runCli(['validate', join(FIXTURES, 'sale-new-2026.json'), 'cut.json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'systeme-mock: Failed to read capture cut.json: it is not JSON (Unexpected end of JSON input). Pass a raw body, NDJSON of bodies, {"headers", "body"} JSON or a HAR file.\n',
    );
    const missing = runCli(['validate', 'nope.har'], { cwd: dir });
    expect([missing.status, missing.stderr]).toEqual([
      2,
      'systeme-mock: Failed to read capture nope.har: no such file. Check the path, or pass - to read standard input.\n',
    ]);
  });

  it('reads standard input with - (or no file)', () => {
    const result = runCli(['validate', '-'], { input: `${SALE.body}\n${plantedSale()}\n` });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^stdin:1\n(.*\n)*stdin:2\n(.*\n)*2 deliveries: 1 match, 1 drift\.\n$/);
  });
});

describe('systeme-mock validate --secret-file', () => {
  it('checks the signature over the exact bytes: valid as sent, invalid once re-serialized or with another secret', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
    writeFileSync(join(dir, 'signed.json'), JSON.stringify({ headers: signedHeaders(SALE.body), body: SALE.body }));
    // What a receiver that logs JSON.stringify(JSON.parse(body)) keeps: \/ became /, 0.0 became 0.
    const reserialized = JSON.stringify(JSON.parse(SALE.body));
    writeFileSync(join(dir, 'reserialized.json'), JSON.stringify({ headers: signedHeaders(SALE.body), body: reserialized }));
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ headers: signedHeaders(SALE.body, 'another-secret'), body: SALE.body }));
    const ok = runCli(['validate', 'signed.json', '--secret-file', 'secret'], { cwd: dir });
    expect(ok.stdout.split('\n')[3]).toBe('  signature  valid (HMAC-SHA256 of the exact bytes)');
    expect(ok.status).toBe(0);
    const bad = runCli(['validate', 'reserialized.json', 'other.json', '--secret-file', 'secret', '--json'], { cwd: dir });
    expect(bad.status).toBe(1);
    const reports = (JSON.parse(bad.stdout) as { deliveries: Array<{ signature: string; status: string }> }).deliveries;
    expect(reports.map((r) => [r.signature, r.status])).toEqual([
      ['invalid', 'bad-signature'],
      ['invalid', 'bad-signature'],
    ]);
  });
});

describe('systeme-mock validate on a HAR file recorded by playwright-core in headless Chromium', () => {
  it('reads every POST with its exact bytes: signatures check, the shapes match', async () => {
    const dir = tempDir();
    const harPath = join(dir, 'inbox.har');
    // A body with a raw (unescaped) UTF-8 character too: the HAR keeps text, and its UTF-8 bytes must be the bytes signed.
    const accented = SALE.body.replace('"Bon de commande"', '"Bon de commande \u00e9t\u00e9"');
    const posts = [
      { headers: { 'content-type': 'application/json', ...pick(signedHeaders(SALE.body)) }, body: SALE.body },
      { headers: { 'content-type': 'application/json', ...pick(signedHeaders(accented)) }, body: accented },
      { headers: { 'content-type': 'application/json' }, body: COURSE_2026.body },
    ];
    const received = await recordHar(harPath, posts);
    expect(received.map((b) => b.toString('utf8'))).toEqual(posts.map((p) => p.body));
    writeFileSync(join(dir, 'secret'), SECRET);
    const har = JSON.parse(readFileSync(harPath, 'utf8')) as { log: { creator: { name: string }; entries: unknown[] } };
    expect(har.log.creator.name).toBe('Playwright');
    const result = runCli(['validate', 'inbox.har', '--secret-file', 'secret', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const reports = (JSON.parse(result.stdout) as { deliveries: Array<Record<string, unknown>> }).deliveries;
    expect(reports.map((r) => [r['form'], r['trigger'], r['signature'], r['status']])).toEqual([
      ['har', 'SALE_NEW', 'valid', 'match'],
      ['har', 'SALE_NEW', 'valid', 'match'],
      ['har', 'contact.course.enrolled', 'unsigned', 'match'],
    ]);
    expect(reports.map((r) => String(r['source']))).toEqual(['inbox.har#entries[1]', 'inbox.har#entries[2]', 'inbox.har#entries[3]']);
  }, 120_000);
});

/** The x-webhook-* headers a page may set on fetch (browsers forbid accept-encoding and a few others). */
function pick(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('x-webhook-')));
}
