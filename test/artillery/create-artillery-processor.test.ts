import { afterEach, describe, expect, it, vi } from 'vitest';
import { createArtilleryProcessor, STREAM_COUNT } from '../../src/artillery/index.js';
import type { ArtilleryRequestParams } from '../../src/artillery/index.js';
import { createTriggerPicker } from '../../src/load/create-trigger-picker.js';
import { createGenerator } from '../../src/generate/index.js';
import { verifySignature } from '../../src/signature/index.js';

function prepare(processor: ReturnType<typeof createArtilleryProcessor>, count: number) {
  const counters: Array<[string, number]> = [];
  const requests: ArtilleryRequestParams[] = [];
  for (let k = 0; k < count; k++) {
    const params: ArtilleryRequestParams = {
      url: 'http://127.0.0.1:4000/hooks',
      headers: { 'x-scenario': 'kept' },
      json: { replaced: true },
    };
    let failure: unknown = 'not called';
    processor.beforeRequest(
      params,
      { vars: {} },
      { emit: (_event, name, value) => counters.push([name as string, value as number]) },
      (error) => (failure = error),
    );
    expect(failure).toBeUndefined();
    requests.push(params);
  }
  return { counters, requests };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createArtilleryProcessor', () => {
  it('builds event stream * 2^24 + n of the seed, signed over the exact bytes, with the mix picked from (seed, index)', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z'), toFake: ['Date'] });
    const lines: string[] = [];
    const processor = createArtilleryProcessor({
      mix: 'SALE_NEW=80,SALE_CANCELED=20',
      seed: 7,
      stream: 3,
      secret: 'k',
      log: (l) => lines.push(l),
      env: {},
    });
    expect(lines).toEqual([
      'systeme-mock: seed 7, stream 3, mix SALE_NEW=80,SALE_CANCELED=20. Replay this worker with SYSTEME_MOCK_SEED=7 SYSTEME_MOCK_STREAM=3.',
    ]);
    const { counters, requests } = prepare(processor, 20);
    const pick = createTriggerPicker(
      [
        { trigger: 'SALE_NEW', weight: 80 },
        { trigger: 'SALE_CANCELED', weight: 20 },
      ],
      '7',
    );
    const generator = createGenerator({ seed: '7' });
    requests.forEach((params, n) => {
      const index = 3 * 2 ** 24 + n;
      const trigger = pick(index);
      const expected = generator.eventBody(trigger, index, { at: new Date('2026-03-01T10:00:00Z') }).body;
      expect(Buffer.isBuffer(params.body)).toBe(true);
      expect((params.body as Buffer).toString()).toBe(expected);
      expect(params.json).toBeUndefined();
      expect(params.headers!['x-webhook-event']).toBe(trigger);
      expect(verifySignature(expected, params.headers!['x-webhook-signature']!, 'k')).toBe(true);
      expect(Object.keys(params.headers!).slice(0, 3)).toEqual(['accept-encoding', 'x-webhook-schema-version', 'x-webhook-signature']);
      expect(Object.keys(params.headers!).at(-1)).toBe('x-scenario');
      expect(counters[n]).toEqual([`systeme_mock.sent.${trigger}`, 1]);
    });
  });

  it('draws a stream from a random worker id when none is given, and logs both', () => {
    const lines: string[] = [];
    const a = createArtilleryProcessor({ mix: 'SALE_NEW', seed: 1, secret: 'k', log: (l) => lines.push(l), env: {} });
    const b = createArtilleryProcessor({ mix: 'SALE_NEW', seed: 1, secret: 'k', log: (l) => lines.push(l), env: {} });
    expect(a.workerId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.stream).toBe(Number(BigInt(`0x${a.workerId!}`) % BigInt(STREAM_COUNT)));
    expect(a.workerId).not.toBe(b.workerId);
    expect(lines[0]).toBe(
      `systeme-mock: seed 1, stream ${a.stream} (worker id ${a.workerId!}), mix SALE_NEW=1. Replay this worker with SYSTEME_MOCK_SEED=1 SYSTEME_MOCK_STREAM=${a.stream}.`,
    );
  });

  it('reads the secret, seed and stream from the environment', () => {
    const processor = createArtilleryProcessor({
      mix: ['SALE_NEW'],
      log: () => {},
      env: { SYSTEME_MOCK_SECRET: 'env-secret', SYSTEME_MOCK_SEED: 'abc', SYSTEME_MOCK_STREAM: '12' },
    });
    expect([processor.seed, processor.stream, processor.workerId]).toEqual(['abc', 12, null]);
    const { requests } = prepare(processor, 1);
    expect(verifySignature((requests[0]!.body as Buffer).toString(), requests[0]!.headers!['x-webhook-signature']!, 'env-secret')).toBe(
      true,
    );
  });

  it('refuses to run webhooks triggers unsigned unless asked, and rejects bad streams and mixes', () => {
    expect(() => createArtilleryProcessor({ mix: 'SALE_NEW=80,SALE_CANCELED=20', env: {}, log: () => {} })).toThrow(
      'Failed to sign SALE_NEW, SALE_CANCELED in Artillery: no secret. Set SYSTEME_MOCK_SECRET in the environment Artillery runs in (or pass unsigned: true to send them without x-webhook-signature).',
    );
    const unsigned = createArtilleryProcessor({ mix: 'SALE_NEW', unsigned: true, env: {}, log: () => {} });
    expect(prepare(unsigned, 1).requests[0]!.headers!['x-webhook-signature']).toBeUndefined();
    expect(() => createArtilleryProcessor({ mix: 'SALE_NEW', secret: 'k', stream: String(STREAM_COUNT), env: {}, log: () => {} })).toThrow(
      `Failed to read the Artillery stream "${STREAM_COUNT}": it must be a whole number from 0 to ${STREAM_COUNT - 1}. Unset SYSTEME_MOCK_STREAM to draw one per worker.`,
    );
    expect(() => createArtilleryProcessor({ mix: 'SALE_NEW=x', secret: 'k', env: {}, log: () => {} })).toThrow(
      'Failed to read the Artillery mix "SALE_NEW=x"',
    );
    expect(() => createArtilleryProcessor({ mix: 'SALE_NOUVEAU', secret: 'k', env: {}, log: () => {} })).toThrow(
      'Failed to find trigger "SALE_NOUVEAU"',
    );
  });

  it('automation triggers get the Symfony headers and no signature', () => {
    const processor = createArtilleryProcessor({ mix: 'contact.tag.added', env: {}, log: () => {} });
    const { requests } = prepare(processor, 1);
    expect(Object.entries(requests[0]!.headers!)).toEqual([
      ['content-type', 'application/json'],
      ['accept-charset', 'ISO-8859-1,utf-8;q=0.7,*;q=0.7'],
      ['accept-language', 'en-us,en;q=0.5'],
      ['accept', 'application/json'],
      ['user-agent', 'Symfony'],
      ['x-scenario', 'kept'],
    ]);
  });
});
