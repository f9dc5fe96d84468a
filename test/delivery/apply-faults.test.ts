import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_DESCRIPTIONS, FAULT_MODES, reserializeJson } from '../../src/delivery/apply-faults.js';
import { deliverEvent } from '../../src/delivery/deliver-event.js';
import { prettyPrintJsonText } from '../../src/delivery/json-bytes.js';
import { normalizeSendOptions, type SendOptions } from '../../src/delivery/normalize-send-options.js';
import { sendEvents } from '../../src/delivery/send-events.js';
import { signPayload, verifySignature } from '../../src/signature/index.js';
import { EVENT_TIME, SALE_BODY, SECRET, TAG_BODY, trigger } from './bodies.js';
import { headerPairs, startRawServer, type RawServer } from './raw-server.js';

const SALE = { trigger: trigger('SALE_NEW'), body: SALE_BODY, eventTime: EVENT_TIME };
const TAG = { trigger: trigger('contact.tag.added'), body: TAG_BODY, eventTime: EVENT_TIME };
const RIGHT = signPayload(SALE_BODY, SECRET);

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendWithFault(event: typeof SALE, faults: string[], extra: Partial<SendOptions> = {}) {
  server = await startRawServer();
  const options = normalizeSendOptions({ to: server.url, secret: SECRET, retries: 0, faults, ...extra });
  const summary = await sendEvents([event], options);
  return { summary, requests: server.requests };
}

describe('fault transforms, observed at a real server', () => {
  it('bad-signature: a 64-hex signature in the usual place that is not the HMAC', async () => {
    const { requests } = await sendWithFault(SALE, ['bad-signature']);
    const signature = requests[0]!.headers['x-webhook-signature'] as string;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signature).not.toBe(RIGHT);
    expect(verifySignature(requests[0]!.body, signature, SECRET)).toBe(false);
    expect(headerPairs(requests[0]!.rawHeaders)[2]![0]).toBe('x-webhook-signature');
    expect(requests[0]!.body.toString()).toBe(SALE_BODY);
  });

  it('wrong-secret: a genuine HMAC of the body with another secret', async () => {
    const { requests } = await sendWithFault(SALE, ['wrong-secret']);
    expect(requests[0]!.headers['x-webhook-signature']).toBe(signPayload(SALE_BODY, 'systeme-mock-wrong-secret'));
    expect(requests[0]!.body.toString()).toBe(SALE_BODY);
  });

  it('missing-signature: no signature header, the rest in order', async () => {
    const { requests } = await sendWithFault(SALE, ['missing-signature']);
    const names = headerPairs(requests[0]!.rawHeaders).map(([name]) => name);
    expect(names.slice(0, 3)).toEqual(['accept-encoding', 'x-webhook-schema-version', 'x-webhook-delivery-attempt-timestamp']);
    expect(names).not.toContain('x-webhook-signature');
  });

  it('reserialized-body: JSON.stringify bytes on the wire, signature over the PHP bytes', async () => {
    const { requests } = await sendWithFault(SALE, ['reserialized-body']);
    const body = requests[0]!.body.toString('utf8');
    expect(body).toBe(
      '{"customer":{"id":12799002,"email":"demo+capture@example.com","sourceUrl":"https://demo.systeme.io/466f06b8","fields":{"first_name":"René"}},"coupon":null,"order":{"id":12768313,"createdAt":"2026-09-27T20:16:26+00:00","totalPrice":100,"vat":0},"orderItem":{"resources":[]}}',
    );
    expect(requests[0]!.headers['x-webhook-signature']).toBe(RIGHT);
    expect(requests[0]!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(verifySignature(requests[0]!.body, RIGHT, SECRET)).toBe(false);
  });

  it('duplicate: the same message id and event timestamp twice, new attempt ids', async () => {
    const { requests, summary } = await sendWithFault(SALE, ['duplicate']);
    expect(requests).toHaveLength(2);
    const [a, b] = requests.map((r) => r.headers);
    expect(b!['x-webhook-message-id']).toBe(a!['x-webhook-message-id']);
    expect(b!['x-webhook-event-timestamp']).toBe(a!['x-webhook-event-timestamp']);
    expect(b!['x-webhook-delivery-attempt-id']).not.toBe(a!['x-webhook-delivery-attempt-id']);
    expect(b!['x-webhook-signature']).toBe(RIGHT);
    expect(summary).toMatchObject({ delivered: 2, failed: 0, attempts: 2, eventsStarted: 1 });
  });

  it('stale-timestamp: both webhooks timestamps 24 hours old, body and signature intact', async () => {
    const { requests } = await sendWithFault(SALE, ['stale-timestamp']);
    const headers = requests[0]!.headers;
    expect(headers['x-webhook-event-timestamp']).toBe('2026-09-26T20:16:27+00:00');
    const attemptAge = Date.now() - Date.parse(headers['x-webhook-delivery-attempt-timestamp'] as string);
    expect(attemptAge).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
    expect(attemptAge).toBeLessThan(24 * 3600_000 + 60_000);
    expect(requests[0]!.body.toString()).toBe(SALE_BODY);
    expect(headers['x-webhook-signature']).toBe(RIGHT);
  });

  it("stale-timestamp: the automation body's top-level created_at, 24 hours earlier", async () => {
    const { requests } = await sendWithFault(TAG, ['stale-timestamp']);
    expect(requests[0]!.body.toString()).toBe(
      TAG_BODY.replace('"created_at":"2026-09-27T20:16:27+00:00"', '"created_at":"2026-09-26T20:16:27+00:00"'),
    );
  });

  it('pretty-body: PHP pretty print with escapes kept, signed over the pretty bytes', async () => {
    const { requests } = await sendWithFault(SALE, ['pretty-body']);
    const body = requests[0]!.body.toString();
    expect(body).toBe(
      [
        '{',
        '    "customer": {',
        '        "id": 12799002,',
        '        "email": "demo+capture@example.com",',
        '        "sourceUrl": "https:\\/\\/demo.systeme.io\\/466f06b8",',
        '        "fields": {',
        '            "first_name": "Ren\\u00e9"',
        '        }',
        '    },',
        '    "coupon": null,',
        '    "order": {',
        '        "id": 12768313,',
        '        "createdAt": "2026-09-27T20:16:26+00:00",',
        '        "totalPrice": 100,',
        '        "vat": 0.0',
        '    },',
        '    "orderItem": {',
        '        "resources": []',
        '    }',
        '}',
      ].join('\n'),
    );
    expect(verifySignature(body, requests[0]!.headers['x-webhook-signature'] as string, SECRET)).toBe(true);
  });

  it('combines a body fault with a signature fault', async () => {
    const { requests } = await sendWithFault(SALE, ['pretty-body', 'missing-signature']);
    expect(requests[0]!.body.toString()).toContain('\n    "coupon": null,');
    expect(requests[0]!.headers['x-webhook-signature']).toBeUndefined();
  });
});

describe('fault rules', () => {
  it('refuses signature faults on the unsigned automation dialect, before sending', async () => {
    server = await startRawServer();
    const options = normalizeSendOptions({ to: server.url, faults: ['reserialized-body'] });
    await expect(deliverEvent(TAG, options)).rejects.toThrow(
      'Failed to apply --fault reserialized-body to contact.tag.added: the automation dialect is unsigned. Pick a webhooks trigger such as SALE_NEW, or one of the faults duplicate, stale-timestamp, pretty-body.',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses two faults of one kind', () => {
    expect(() => normalizeSendOptions({ to: 'http://127.0.0.1:1/', faults: ['bad-signature', 'missing-signature'] })).toThrow(
      'Failed to combine --fault bad-signature and --fault missing-signature: both change the signature. Pass only one of them.',
    );
    expect(() => normalizeSendOptions({ to: 'http://127.0.0.1:1/', faults: ['pretty-body', 'reserialized-body'] })).toThrow(
      'Failed to combine --fault pretty-body and --fault reserialized-body: both change the body. Pass only one of them.',
    );
  });

  it('refuses an unknown fault, listing the modes', () => {
    expect(() => normalizeSendOptions({ to: 'http://127.0.0.1:1/', faults: ['slow'] })).toThrow(
      'Failed to parse --fault "slow": not a fault mode. Pass one of bad-signature, wrong-secret, missing-signature, reserialized-body, duplicate, stale-timestamp, pretty-body.',
    );
  });

  it('describes every fault mode', () => {
    expect(Object.keys(FAULT_DESCRIPTIONS)).toEqual([...FAULT_MODES]);
    for (const mode of FAULT_MODES) expect(FAULT_DESCRIPTIONS[mode].correctReceiver.length).toBeGreaterThan(20);
  });
});

describe('JSON text helpers', () => {
  it('re-serializes as JSON.stringify does', () => {
    expect(reserializeJson('{"u":"https:\\/\\/x","n":"\\u00e9\\ud83d\\ude00","vat":0.0}')).toBe('{"u":"https://x","n":"é😀","vat":0}');
  });

  it('pretty-prints nested empty containers, arrays and strings with braces inside', () => {
    expect(prettyPrintJsonText('{"a":[],"b":{},"c":[1,{"d":"x{,:}\\"y"}],"e":[ ]}')).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": "x{,:}\\"y"\n        }\n    ],\n    "e": []\n}',
    );
  });
});
