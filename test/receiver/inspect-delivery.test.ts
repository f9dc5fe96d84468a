import { describe, expect, it } from 'vitest';
import { describeJsonStyle, inspectDelivery } from '../../src/receiver/inspect-delivery.js';
import { identifyTrigger } from '../../src/catalog/identify-trigger.js';
import { signPayload } from '../../src/signature/index.js';

const SECRET = 'inspect-secret';

describe('inspectDelivery', () => {
  it('counts further shape problems in the reason and lists them all', () => {
    const body = Buffer.from('{"type":"contact.tag.added","data":{}}');
    const verdict = inspectDelivery({ method: 'POST', headers: {}, body }, { validate: () => ['a: wrong', 'b: wrong', 'c: wrong'] });
    expect(verdict).toMatchObject({
      accepted: false,
      status: 400,
      trigger: 'contact.tag.added',
      reason: 'body does not match contact.tag.added: a: wrong (and 2 more)',
      problems: ['a: wrong', 'b: wrong', 'c: wrong'],
    });
  });

  it('verifies the raw bytes, not the parsed JSON', () => {
    const php = '{"contact":{"sourceURL":"https:\\/\\/x.systeme.io\\/a"}}';
    const signature = signPayload(php, SECRET);
    const headers = { 'x-webhook-event': 'CONTACT_CREATED', 'x-webhook-signature': signature };
    expect(inspectDelivery({ method: 'POST', headers, body: Buffer.from(php) }, { secrets: [SECRET] }).signature).toBe('valid');
    const same = JSON.stringify(JSON.parse(php));
    expect(inspectDelivery({ method: 'POST', headers, body: Buffer.from(same) }, { secrets: [SECRET] })).toMatchObject({
      status: 401,
      reason:
        'signature mismatch: the body has an unescaped "/", which PHP\'s json_encode never writes, so it was probably re-serialized after signing',
    });
  });

  it('notes a stale event timestamp against the given now', () => {
    const body = '{"contact":{}}';
    const headers = {
      'x-webhook-event': 'CONTACT_CREATED',
      'x-webhook-signature': signPayload(body, SECRET),
      'x-webhook-event-timestamp': '2026-09-27T20:00:00+00:00',
    };
    const verdict = inspectDelivery(
      { method: 'POST', headers, body: Buffer.from(body) },
      { secrets: [SECRET], now: Date.parse('2026-09-27T21:30:00Z') },
    );
    expect(verdict.notes).toEqual(['event timestamp 2026-09-27T20:00:00+00:00 is 90 minutes old']);
    expect(verdict.accepted).toBe(true);
  });
});

describe('describeJsonStyle', () => {
  it('spots unescaped slashes, raw non-ASCII and whitespace outside strings only', () => {
    expect(describeJsonStyle('{"a":"x\\/y \\u00e9"}')).toEqual({ unescapedSlash: false, nonAscii: false, whitespace: false });
    expect(describeJsonStyle('{"a":"x/y"}')).toEqual({ unescapedSlash: true, nonAscii: false, whitespace: false });
    expect(describeJsonStyle('{"a": "é"}')).toEqual({ unescapedSlash: false, nonAscii: true, whitespace: true });
    expect(describeJsonStyle('{"a":"\\\\/"}')).toEqual({ unescapedSlash: true, nonAscii: false, whitespace: false });
  });
});

describe('identifyTrigger', () => {
  it('names both opt-in variants, webhooks events, and says why it cannot', () => {
    const optin = (data: object) => identifyTrigger({ payload: { type: 'contact.optin.completed', data } }).trigger?.id;
    expect(optin({ funnel_step: {}, contact: {} })).toBe('contact.optin.completed:funnel-step');
    expect(optin({ page_model: {}, contact: {} })).toBe('contact.optin.completed:blog-page');
    expect(identifyTrigger({ event: 'SALE_CANCELED', payload: {} }).trigger?.id).toBe('SALE_CANCELED');
    expect(identifyTrigger({ event: 'SALE_REFUNDED', payload: {} })).toMatchObject({
      trigger: null,
      reason: 'unknown event "SALE_REFUNDED"',
    });
    expect(identifyTrigger({ payload: [] })).toMatchObject({ trigger: null, wireName: null });
  });
});
