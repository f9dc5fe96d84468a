import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { deliverEvent, type DeliverableEvent } from '../../src/delivery/deliver-event.js';
import { normalizeSendOptions, type SendOptions } from '../../src/delivery/normalize-send-options.js';
import { generate, validatePayload } from '../../src/generate/index.js';
import { createInbox, type Inbox, type InboxOptions } from '../../src/receiver/create-inbox.js';
import { formatInboxLine } from '../../src/receiver/format-inbox-line.js';
import { signPayload } from '../../src/signature/index.js';
import { EVENT_TIME, SALE_BODY, SECRET, trigger } from '../delivery/bodies.js';

let inbox: Inbox | undefined;
afterEach(async () => {
  await inbox?.close();
  inbox = undefined;
});

async function open(options: InboxOptions = {}): Promise<Inbox> {
  inbox = await createInbox({ secrets: [SECRET], ...options });
  return inbox;
}

function send(event: DeliverableEvent, extra: Partial<SendOptions> = {}) {
  return deliverEvent(event, normalizeSendOptions({ to: inbox!.url, secret: SECRET, retries: 0, ...extra }));
}

/** A hand-made request, for what got would not send. */
function post(url: string, body: string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const LITERAL_SALE = { trigger: trigger('SALE_NEW'), body: SALE_BODY, eventTime: new Date() };

describe('createInbox: genuine deliveries', () => {
  it('accepts a signed webhooks delivery of every webhooks trigger, checked against its shape', async () => {
    await open();
    const ids = BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'webhooks').map((t) => t.id);
    for (const id of ids) {
      const result = await send({ ...generate(id, { seed: 3 }), eventTime: new Date() });
      expect(result.ok).toBe(true);
    }
    expect(inbox!.deliveries.map((d) => [d.trigger, d.status, d.signature, d.reason, d.notes])).toEqual(
      ids.map((id) => [id, 200, 'valid', `signature valid, body matches ${id}`, []]),
    );
  });

  it('accepts every automation trigger unsigned, naming the opt-in variant from the body', async () => {
    await open();
    const ids = BUILT_IN_TRIGGERS.filter((t) => t.dialect === 'automation').map((t) => t.id);
    for (const id of ids) await send({ ...generate(id, { seed: 4, now: new Date() }) });
    expect(inbox!.deliveries.map((d) => [d.trigger, d.status, d.signature, d.reason])).toEqual(
      ids.map((id) => [id, 200, 'unsigned', `unsigned (automation dialect), body matches ${id}`]),
    );
  });

  it('answers a small JSON body with the verdict, and records headers exactly as received', async () => {
    await open();
    const result = await send(LITERAL_SALE, {}).then((r) => r.attempts[0]!);
    expect(JSON.parse(result.responseBody!)).toEqual({
      accepted: false,
      trigger: 'SALE_NEW',
      messageId: inbox!.deliveries[0]!.messageId,
      signature: 'valid',
      reason:
        'body does not match SALE_NEW: $: expected keys [customer, coupon, funnelStep, checkoutPage, order, orderItem, pricePlan], got [customer, coupon, order, orderItem] (missing funnelStep, checkoutPage, pricePlan)',
      problems: validatePayload('SALE_NEW', JSON.parse(SALE_BODY)),
      notes: [],
    });
    expect(result.status).toBe(400);
    const delivery = inbox!.deliveries[0]!;
    expect(delivery.headers.slice(0, 3)).toEqual([
      ['accept-encoding', 'gzip'],
      ['x-webhook-schema-version', '2'],
      ['x-webhook-signature', signPayload(SALE_BODY, SECRET)],
    ]);
    expect(delivery.body).toBe(SALE_BODY);
    expect(delivery.method).toBe('POST');
  });

  it('accepts a signature made with any of its secrets (a rotation)', async () => {
    await open({ secrets: ['old-secret', SECRET], validate: false });
    await send(LITERAL_SALE);
    expect(inbox!.deliveries[0]).toMatchObject({ accepted: true, signature: 'valid', reason: 'signature valid, body not checked' });
  });

  it('flags a duplicate message id but still answers 200', async () => {
    await open({ validate: false });
    await send(LITERAL_SALE, { faults: ['duplicate'] }).then(() => undefined);
    const first = inbox!.deliveries[0]!;
    await deliverEvent(LITERAL_SALE, normalizeSendOptions({ to: inbox!.url, secret: SECRET }), { messageId: first.messageId! });
    expect(inbox!.deliveries.map((d) => [d.status, d.duplicateOf, d.notes])).toEqual([
      [200, null, []],
      [200, 1, ['duplicate of #1 (same x-webhook-message-id): process it once']],
    ]);
  });

  it('accepts a pretty body signed over its bytes and a stale one, with notes', async () => {
    await open();
    const event = { ...generate('CONTACT_CREATED', { seed: 2 }), eventTime: new Date() };
    await send(event, { faults: ['pretty-body'] });
    await send(event, { faults: ['stale-timestamp'] });
    expect(inbox!.deliveries.map((d) => [d.status, d.reason])).toEqual([
      [200, 'signature valid, body matches CONTACT_CREATED'],
      [200, 'signature valid, body matches CONTACT_CREATED'],
    ]);
    expect(inbox!.deliveries[0]!.notes).toEqual(['body is not compact one-line JSON as systeme.io sends it']);
    expect(inbox!.deliveries[1]!.notes).toHaveLength(1);
    expect(inbox!.deliveries[1]!.notes[0]).toMatch(/^event timestamp \S+ is 14\d\d minutes old$/);
  });
});

describe('createInbox: key order is information, not a contract', () => {
  const CAPTURE = readFileSync(new URL('../fixtures/capture-2026-contact-course-enrolled.ndjson', import.meta.url), 'utf8').trimEnd();
  const CONTACT_NOTE =
    'body $.data.contact: keys in another order than documented: [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip], documented [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email]';

  it('accepts the 2026 capture of contact.course.enrolled (re-ordered contact keys) and notes the order', async () => {
    await open();
    const answer = await post(inbox!.url, CAPTURE, { 'content-type': 'application/json' });
    expect(answer.status).toBe(200);
    // The capture is weeks old: the inbox also notes its stale timestamp, which is not under test here.
    const bodyNotes = (notes: readonly string[]) => notes.filter((note) => note.startsWith('body '));
    const verdict = JSON.parse(answer.body) as { accepted: boolean; trigger: string; problems: string[]; notes: string[] };
    expect([verdict.accepted, verdict.trigger, verdict.problems, bodyNotes(verdict.notes)]).toEqual([
      true,
      'contact.course.enrolled',
      [],
      [CONTACT_NOTE],
    ]);
    const [delivery] = inbox!.deliveries;
    expect([delivery!.status, delivery!.reason, bodyNotes(delivery!.notes)]).toEqual([
      200,
      'unsigned (automation dialect), body matches contact.course.enrolled',
      [CONTACT_NOTE],
    ]);
  });

  it('accepts a signed webhooks delivery whose keys differ only in order, every level re-ordered', async () => {
    await open();
    const event = generate('SALE_NEW', { seed: 4 });
    const reverse = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverse)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverse(v)]),
            )
          : value;
    const body = JSON.stringify(reverse(event.payload));
    await send({ trigger: event.trigger, body, eventTime: new Date() });
    const [delivery] = inbox!.deliveries;
    expect([delivery!.status, delivery!.signature, delivery!.problems]).toEqual([200, 'valid', []]);
    expect(delivery!.notes[0]).toBe(
      'body $: keys in another order than documented: [pricePlan, orderItem, order, checkoutPage, funnelStep, coupon, customer], documented [customer, coupon, funnelStep, checkoutPage, order, orderItem, pricePlan]',
    );
    expect(delivery!.notes.length).toBeGreaterThanOrEqual(6);
    expect(delivery!.notes.every((note) => note.startsWith('body $') && note.includes(': keys in another order than documented: '))).toBe(
      true,
    );
  });

  it('rejects re-ordered keys with strictOrder, naming the order', async () => {
    await open({ strictOrder: true });
    const answer = await post(inbox!.url, CAPTURE, { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(inbox!.deliveries[0]!.reason).toBe(
      'body does not match contact.course.enrolled: $.data.contact: expected keys [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email] in this order, got [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
    );
  });
});

describe('createInbox: rejections', () => {
  it('rejects a tampered body with 401', async () => {
    await open({ validate: false });
    const signature = signPayload(SALE_BODY, SECRET);
    const tampered = SALE_BODY.replace('"totalPrice":100', '"totalPrice":1');
    const answer = await post(inbox!.url, tampered, {
      'x-webhook-event': 'SALE_NEW',
      'x-webhook-signature': signature,
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({
      accepted: false,
      signature: 'invalid',
      reason: 'signature mismatch: the body looks as systeme.io writes it, so the signature is wrong or was made with another secret',
    });
  });

  it('rejects a wrong secret and a bad signature with 401', async () => {
    await open({ validate: false });
    await send(LITERAL_SALE, { faults: ['wrong-secret'] });
    await send(LITERAL_SALE, { faults: ['bad-signature'] });
    expect(inbox!.deliveries.map((d) => [d.status, d.signature, d.reason])).toEqual([
      [
        401,
        'invalid',
        'signature mismatch: the body looks as systeme.io writes it, so the signature is wrong or was made with another secret',
      ],
      [
        401,
        'invalid',
        'signature mismatch: the body looks as systeme.io writes it, so the signature is wrong or was made with another secret',
      ],
    ]);
  });

  it('rejects a re-serialized body with 401 and says why it probably failed', async () => {
    await open({ validate: false });
    const result = await send(LITERAL_SALE, { faults: ['reserialized-body'] });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(inbox!.deliveries[0]!.reason).toBe(
      'signature mismatch: the body has an unescaped "/" and a raw non-ASCII character, which PHP\'s json_encode never writes, so it was probably re-serialized after signing',
    );
  });

  it('rejects a missing or malformed signature with 401', async () => {
    await open({ validate: false });
    await send(LITERAL_SALE, { faults: ['missing-signature'] });
    await post(inbox!.url, SALE_BODY, { 'x-webhook-event': 'SALE_NEW', 'x-webhook-signature': `sha256=${signPayload(SALE_BODY, SECRET)}` });
    expect(inbox!.deliveries.map((d) => [d.status, d.signature, d.reason])).toEqual([
      [401, 'missing', 'missing x-webhook-signature'],
      [401, 'malformed', 'malformed x-webhook-signature: expected 64 lowercase hex characters'],
    ]);
  });

  it('rejects what is not JSON, not a systeme.io delivery, or not POST', async () => {
    await open({ secrets: [] });
    const notJson = await post(inbox!.url, '{"type":', {});
    const noType = await post(inbox!.url, '{"hello":"world"}', {});
    const get = await post(inbox!.url, '', {}, 'GET');
    expect([notJson.status, noType.status, get.status]).toEqual([400, 400, 405]);
    expect(inbox!.deliveries.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^body is not JSON: /),
      'not a systeme.io delivery: no x-webhook-event header and no "type" in the body',
      'method GET: systeme.io only sends POST',
    ]);
  });

  it('accepts an unknown event with a note, and says when it has no secret to check with', async () => {
    await open({ secrets: [] });
    await post(inbox!.url, '{"contact":{}}', { 'x-webhook-event': 'CONTACT_DELETED' });
    expect(inbox!.deliveries[0]).toMatchObject({
      status: 200,
      signature: 'unchecked',
      reason: 'signature not checked, unknown event "CONTACT_DELETED"',
      notes: ['signature not checked: the inbox has no secret', 'unknown event "CONTACT_DELETED": body not checked'],
    });
  });

  it('rejects an opt-in body that is neither variant', async () => {
    await open();
    await post(inbox!.url, '{"type":"contact.optin.completed","data":{"contact":{}}}', {});
    expect(inbox!.deliveries[0]!.reason).toBe(
      'body does not match any trigger: "contact.optin.completed" with neither data.funnel_step nor data.page_model',
    );
  });
});

describe('createInbox: store and lines', () => {
  it('stores every delivery as one NDJSON line, without the secret', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'systeme-mock-inbox-')), 'inbox.ndjson');
    await open({ store });
    await send({ ...generate('SALE_NEW', { seed: 1 }), eventTime: EVENT_TIME });
    await send(LITERAL_SALE, { faults: ['wrong-secret'] });
    await inbox!.close();
    inbox = undefined;
    const text = readFileSync(store, 'utf8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; status: number; body: string });
    expect(lines.map((l) => [l.seq, l.status])).toEqual([
      [1, 200],
      [2, 401],
    ]);
    expect(lines[1]!.body).toBe(SALE_BODY);
    expect(text).not.toContain(SECRET);
  });

  it('waits for deliveries and formats one line each', async () => {
    await open({ validate: false });
    const waiting = inbox!.waitForDeliveries(2);
    const ok = await send(LITERAL_SALE);
    await send(LITERAL_SALE, { faults: ['missing-signature'] });
    const [first, second] = await waiting;
    expect(formatInboxLine(first!)).toBe(`#1 ✓ 200 SALE_NEW ${ok.messageId} signature valid, body not checked`);
    expect(formatInboxLine(second!)).toBe(`#2 ✗ 401 SALE_NEW ${second!.messageId} missing x-webhook-signature`);
    await expect(inbox!.waitForDeliveries(3, 20)).rejects.toThrow('Failed to receive 3 deliveries: 2 arrived within 20 ms.');
  });

  it('names a port in use', async () => {
    const first = await open();
    await expect(createInbox({ port: first.port })).rejects.toThrow(
      `Failed to start the inbox on 127.0.0.1:${first.port}: the port is in use. Pass another --port (0 picks a free one).`,
    );
  });
});
