import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SystemeMockError, UsageError } from '../../src/errors.js';
import { createPayloadSigner, signPayload, verifySignature } from '../../src/signature/index.js';

// The PHP bytes of a body with an escaped slash, a \u escape and a zero-fraction float, and its HMAC
// computed independently (Python's hmac module), so the vector does not come from the code under test.
const PHP_BODY = '{"customer":{"sourceUrl":"https:\\/\\/demo.systeme.io\\/466f06b8","name":"Ren\\u00e9"},"order":{"vat":0.0}}';
const PHP_SECRET = 'whsec_test_secret';
const PHP_SIGNATURE = '87fc07b823e7d621c947ee79c6ae5f2507ad78341e6e72e588c0241f0057b79f';

describe('signPayload', () => {
  it('matches RFC 4231 test case 2', () => {
    expect(signPayload('what do ya want for nothing?', 'Jefe')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('signs the exact PHP bytes of a body', () => {
    expect(signPayload(PHP_BODY, PHP_SECRET)).toBe(PHP_SIGNATURE);
  });

  it('gives the same signature for a string, a Buffer and a Uint8Array of the same bytes', () => {
    const buffer = Buffer.from(PHP_BODY);
    const array = new Uint8Array(buffer);
    expect(signPayload(buffer, PHP_SECRET)).toBe(PHP_SIGNATURE);
    expect(signPayload(array, Buffer.from(PHP_SECRET))).toBe(PHP_SIGNATURE);
  });

  it('signs arbitrary bytes with a binary key', () => {
    expect(signPayload(Buffer.from([0xe9, 0x00, 0x2f]), Buffer.from([0xff, 0x00, 0x10]))).toBe(
      '4a951778f5786178c1d4a8540cf94dc67df0eea1fe43f4da07eabf716b4c6bc9',
    );
  });

  it('differs for the re-serialized body', () => {
    const reserialized = JSON.stringify(JSON.parse(PHP_BODY));
    expect(reserialized).toBe('{"customer":{"sourceUrl":"https://demo.systeme.io/466f06b8","name":"René"},"order":{"vat":0}}');
    expect(signPayload(reserialized, PHP_SECRET)).not.toBe(PHP_SIGNATURE);
  });
});

describe('createPayloadSigner', () => {
  it('matches RFC 4231 test cases 2 and 6 (a key longer than the block is hashed first)', () => {
    expect(createPayloadSigner('Jefe')('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(createPayloadSigner(Buffer.alloc(131, 0xaa))('Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('signs the exact PHP bytes, and strings, Buffers and Uint8Arrays of the same bytes alike', () => {
    const sign = createPayloadSigner(PHP_SECRET);
    expect(sign(PHP_BODY)).toBe(PHP_SIGNATURE);
    expect(sign(Buffer.from(PHP_BODY))).toBe(PHP_SIGNATURE);
    expect(sign(new Uint8Array(Buffer.from(PHP_BODY)))).toBe(PHP_SIGNATURE);
    expect(createPayloadSigner(Buffer.from([0xff, 0x00, 0x10]))(Buffer.from([0xe9, 0x00, 0x2f]))).toBe(
      '4a951778f5786178c1d4a8540cf94dc67df0eea1fe43f4da07eabf716b4c6bc9',
    );
  });

  it('agrees with createHmac for every key length around the block and for bodies that outgrow its buffer', () => {
    const bodies = ['', 'a', '{"name":"Renée 東京 🎉"}', 'x'.repeat(1365), 'é'.repeat(5000), 'y'.repeat(70_000), '{"short":1}'];
    for (const keyLength of [1, 32, 63, 64, 65, 200]) {
      const key = 'k'.repeat(keyLength);
      const sign = createPayloadSigner(key);
      // In this order the buffer grows twice, then a short body follows a long one.
      expect(bodies.map((body) => sign(body))).toEqual(bodies.map((body) => signPayload(body, key)));
    }
    expect(createPayloadSigner('ключ')('тело')).toBe(signPayload('тело', 'ключ'));
  });
});

describe('verifySignature', () => {
  it('accepts the right signature over the exact bytes, as string, Buffer or Uint8Array', () => {
    expect(verifySignature(PHP_BODY, PHP_SIGNATURE, PHP_SECRET)).toBe(true);
    expect(verifySignature(Buffer.from(PHP_BODY), PHP_SIGNATURE, PHP_SECRET)).toBe(true);
    expect(verifySignature(new Uint8Array(Buffer.from(PHP_BODY)), PHP_SIGNATURE, PHP_SECRET)).toBe(true);
  });

  it('rejects a re-serialized body, another secret and a changed byte', () => {
    expect(verifySignature(JSON.stringify(JSON.parse(PHP_BODY)), PHP_SIGNATURE, PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, PHP_SIGNATURE, 'another-secret')).toBe(false);
    expect(verifySignature(PHP_BODY.replace('0.0', '0.1'), PHP_SIGNATURE, PHP_SECRET)).toBe(false);
  });

  it('rejects wrong lengths, non-hex and missing signatures without throwing', () => {
    expect(verifySignature(PHP_BODY, PHP_SIGNATURE.slice(0, 62), PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, PHP_SIGNATURE + '00', PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, 'z'.repeat(64), PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, `sha256=${PHP_SIGNATURE}`, PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, '', PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, undefined, PHP_SECRET)).toBe(false);
    expect(verifySignature(PHP_BODY, null, PHP_SECRET)).toBe(false);
  });
});

describe('the systeme-mock/signature entry', () => {
  it('imports node:crypto and nothing else outside src/signature but errors.ts (no faker, no got)', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/signature');
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
        const spec = match[1] ?? match[2]!;
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        else external.add(spec);
      }
    };
    visit(resolve(root, 'index.ts'));
    expect([...external]).toEqual(['node:crypto']);
    const errors = resolve(root, '../errors.ts');
    expect([...seen].filter((file) => !file.startsWith(root))).toEqual([errors]);
    // errors.ts itself imports nothing.
    expect(readFileSync(errors, 'utf8')).not.toMatch(/^import /m);
    expect(seen.size).toBe(4);
  });
});

describe('an empty secret (issue 10, case 17)', () => {
  // The HMAC of the body under an empty key, from node:crypto directly: anyone can compute it.
  const EMPTY_KEY_SIGNATURE = createHmac('sha256', '').update(PHP_BODY).digest('hex');

  it('never verifies, whatever the signature', () => {
    expect(EMPTY_KEY_SIGNATURE).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySignature(PHP_BODY, EMPTY_KEY_SIGNATURE, '')).toBe(false);
    expect(verifySignature(PHP_BODY, EMPTY_KEY_SIGNATURE, Buffer.alloc(0))).toBe(false);
    expect(verifySignature(PHP_BODY, EMPTY_KEY_SIGNATURE, new Uint8Array(0))).toBe(false);
    expect(verifySignature(PHP_BODY, PHP_SIGNATURE, '')).toBe(false);
  });

  it('is refused by signPayload and createPayloadSigner with a UsageError', () => {
    const message = "Failed to sign the payload: the secret is empty, so anyone could forge the signature. Pass the webhook's secret.";
    for (const secret of ['', Buffer.alloc(0), new Uint8Array(0)]) {
      expect(() => signPayload(PHP_BODY, secret)).toThrow(new UsageError(message, 'EMPTY_SECRET'));
      expect(() => createPayloadSigner(secret)).toThrow(message);
    }
    try {
      signPayload(PHP_BODY, '');
    } catch (error) {
      expect(error).toBeInstanceOf(SystemeMockError);
      expect((error as UsageError).code).toBe('EMPTY_SECRET');
      expect((error as UsageError).exitCode).toBe(2);
    }
    expect.assertions(9);
  });
});
