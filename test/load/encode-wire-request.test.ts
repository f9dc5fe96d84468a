import { createServer, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compileBody } from '../../src/catalog/compile-template.js';
import { createFireRequestFactory } from '../../src/load/create-fire-request-factory.js';
import { RequestSlabs } from '../../src/load/encode-wire-request.js';
import type { LoadRequest } from '../../src/load/run-load.js';
import { verifySignature } from '../../src/signature/index.js';

interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

/**
 * Writes the wire requests back to back on one connection to a node:http server (llhttp parses them,
 * independently of our code) and returns each request as the server saw it.
 */
async function receive(requests: readonly Uint8Array[]): Promise<Received[]> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks).toString('latin1') });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const socket = connect(port, '127.0.0.1');
  socket.resume();
  for (const request of requests) socket.write(request);
  while (received.length < requests.length) await new Promise((resolve) => setTimeout(resolve, 10));
  socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return received;
}

const URL_ = 'http://127.0.0.1:9/hooks/systeme?x=1';
const mix = [
  { trigger: 'SALE_NEW', weight: 2 },
  { trigger: 'CONTACT_TAG_ADDED', weight: 1 },
  { trigger: 'customer.sale.completed', weight: 1 },
];

describe('requests built as wire bytes', () => {
  it('carry, per llhttp, exactly the headers, body and signature of the header-list form', async () => {
    const wire = createFireRequestFactory({ url: URL_, mix, seed: '5', secret: 'wire-secret', wire: true });
    const plain = createFireRequestFactory({ url: URL_, mix, seed: '5', secret: 'wire-secret', wire: false });
    const count = 400;
    const start = Date.UTC(2026, 10, 30, 12, 0, 0, 250);
    const wires: Uint8Array[] = [];
    const plains: LoadRequest[] = [];
    for (let index = 0; index < count; index++) {
      const now = new Date(start + index * 333);
      const request = wire(index, now);
      expect(request.wire).toBeInstanceOf(Uint8Array);
      expect(request.headers).toBeUndefined();
      wires.push(request.wire!);
      plains.push(plain(index, now));
    }
    // Every request keeps its own bytes: none was overwritten by a later one.
    const snapshot = wires.map((bytes) => Buffer.from(bytes).toString('latin1'));
    const received = await receive(wires);
    expect(received).toHaveLength(count);
    const triggers = new Set<string>();
    for (let index = 0; index < count; index++) {
      const got = received[index]!;
      const expected = plains[index]!;
      expect(Buffer.from(wires[index]!).toString('latin1')).toBe(snapshot[index]);
      expect(got.method).toBe('POST');
      expect(got.url).toBe('/hooks/systeme?x=1');
      expect(got.body).toBe(expected.body);
      const names = got.rawHeaders.filter((_, k) => k % 2 === 0);
      const values = got.rawHeaders.filter((_, k) => k % 2 === 1);
      const expectedHeaders = expected.headers!;
      expect(names).toEqual(['host', ...expectedHeaders.filter((_, k) => k % 2 === 0), 'content-length']);
      expect(values[0]).toBe('127.0.0.1:9');
      expect(values[values.length - 1]).toBe(String(Buffer.byteLength(expected.body as string)));
      for (let k = 0; k < expectedHeaders.length; k += 2) {
        const name = expectedHeaders[k]!;
        const value = values[1 + k / 2]!;
        if (name === 'x-webhook-message-id' || name === 'x-webhook-delivery-attempt-id') {
          // Fresh random bits per request; the same time (the first 48 bits) and version.
          expect(value.slice(0, 15)).toBe(expectedHeaders[k + 1]!.slice(0, 15));
          expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        } else expect(`${name}: ${value}`).toBe(`${name}: ${expectedHeaders[k + 1]}`);
      }
      if (expected.attemptId !== null) {
        const signature = values[1 + expectedHeaders.indexOf('x-webhook-signature') / 2]!;
        expect(verifySignature(got.body, signature, 'wire-secret')).toBe(true);
      }
      triggers.add(expected.trigger);
    }
    expect([...triggers].sort()).toEqual(['CONTACT_TAG_ADDED', 'SALE_NEW', 'customer.sale.completed']);
  });

  it('names the message and attempt ids it wrote in the head, for the delivery log', async () => {
    const wire = createFireRequestFactory({ url: URL_, mix: [{ trigger: 'SALE_NEW', weight: 1 }], seed: '5', secret: 's', wire: true });
    const requests = Array.from({ length: 20 }, (_, index) => wire(index, new Date()));
    const received = await receive(requests.map((request) => request.wire!));
    for (let k = 0; k < requests.length; k++) {
      const headers = received[k]!.rawHeaders;
      expect(headers[headers.indexOf('x-webhook-message-id') + 1]).toBe(requests[k]!.messageId);
      expect(headers[headers.indexOf('x-webhook-delivery-attempt-id') + 1]).toBe(requests[k]!.attemptId);
    }
  });

  it('sends no signature header without a secret, as the header-list form', async () => {
    const wire = createFireRequestFactory({
      url: URL_,
      mix: [{ trigger: 'SALE_NEW', weight: 1 }],
      seed: '5',
      secret: undefined,
      wire: true,
    });
    const [got] = await receive([wire(0, new Date()).wire!]);
    expect(got!.rawHeaders).not.toContain('x-webhook-signature');
    expect(got!.rawHeaders).toContain('x-webhook-message-id');
  });
});

describe('request slabs', () => {
  it('give a body that outgrows the slab a buffer of its own, and keep the slab for the next request', () => {
    const slabs = new RequestSlabs();
    const body = compileBody({ text: '{{text}}' }, 'big.json');
    const big = 'x'.repeat(300 * 1024);
    const first = slabs.begin(100);
    body.renderInto({ text: 'small' }, slabs.sink);
    const firstBuffer = slabs.sink.buf;
    const firstEnd = slabs.sink.pos;
    slabs.commit();
    const second = slabs.begin(100);
    expect(second).toBe(firstEnd + 100);
    body.renderInto({ text: big }, slabs.sink);
    const grown = slabs.sink.buf;
    expect(grown).not.toBe(firstBuffer);
    expect(Buffer.from(grown.subarray(second, slabs.sink.pos)).toString('latin1')).toBe(`{"text":"${big}"}`);
    slabs.commit();
    const third = slabs.begin(100);
    expect(slabs.sink.buf).toBe(firstBuffer);
    expect(third).toBe(firstEnd + 100);
    expect(Buffer.from(firstBuffer.subarray(first, firstEnd)).toString('latin1')).toBe('{"text":"small"}');
  });
});
