import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { chooseLoadTransportName } from '../../src/load/choose-load-transport.js';
import type { LoadTransport, TransportResult } from '../../src/load/create-load-transport.js';
import { createLoadTransport } from '../../src/load/create-load-transport.js';
import { createSocketTransport, formatRequestPrefix } from '../../src/load/create-socket-transport.js';
import { startScriptedServer } from './support/scripted-server.js';
import type { ScriptedServer, WireRequest } from './support/scripted-server.js';

let server: ScriptedServer | undefined;
let transport: LoadTransport | undefined;
afterEach(async () => {
  await transport?.close();
  transport = undefined;
  await server?.close();
  server = undefined;
});

function post(
  t: LoadTransport,
  body: string | Uint8Array = '{}',
  headers: string[] = ['content-type', 'application/json'],
  path = '/hook',
) {
  let handle!: ReturnType<LoadTransport['send']>;
  const result = new Promise<TransportResult>((resolve) => {
    handle = t.send(path, headers, body, resolve);
  });
  return { result, handle };
}

const send = (t: LoadTransport, body?: string | Uint8Array, headers?: string[]): Promise<TransportResult> => post(t, body, headers).result;

async function serve(answer: (socket: Socket, request: WireRequest, index: number) => void, connections = 4): Promise<LoadTransport> {
  server = await startScriptedServer(answer);
  transport = createSocketTransport(server.origin, connections);
  return transport;
}

describe('createSocketTransport', () => {
  it('writes the request byte for byte: request line, host, the headers in order, content-length, the body', async () => {
    const t = await serve((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'));
    const result = await send(t, '{"a":"é"}', [
      'x-webhook-event',
      'SALE_NEW',
      'user-agent',
      'SystemeIO-Webhook',
      'content-type',
      'application/json',
    ]);
    expect(result).toEqual({ status: 204, errorKind: null });
    expect(server!.requests[0]!.bytes.toString('latin1')).toBe(
      `POST /hook HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-webhook-event: SALE_NEW\r\nuser-agent: SystemeIO-Webhook\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n` +
        Buffer.from('{"a":"é"}', 'utf8').toString('latin1'),
    );
    expect(server!.requests[0]!.body.toString('utf8')).toBe('{"a":"é"}');
  });

  it('reads every framing a receiver may answer with, on one kept-alive connection', async () => {
    const answers = [
      // A content-length body that arrives in two writes.
      (s: Socket) => {
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello');
        setTimeout(() => s.write(' world'), 5);
      },
      // Chunked, with a chunk extension and a trailer.
      (s: Socket) =>
        s.write('HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n'),
      // An informational 100 before the real answer.
      (s: Socket) => s.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\ncontent-length: 2\r\n\r\nok'),
      (s: Socket) => s.write('HTTP/1.1 204 No Content\r\n\r\n'),
      (s: Socket) => s.write('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n'),
    ];
    const t = await serve((socket, _r, index) => answers[index]!(socket));
    const results: TransportResult[] = [];
    for (let k = 0; k < answers.length; k++) results.push(await send(t));
    expect(results.map((r) => r.status)).toEqual([200, 201, 202, 204, 503]);
    expect(results.every((r) => r.errorKind === null)).toBe(true);
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1, 1, 1, 1]);
  });

  it('parses a chunked answer whose lines are split across reads, after a long answer full of line breaks', async () => {
    const t = await serve((socket, _r, index) => {
      // First a long answer full of line breaks, then a chunk-size line and the head's end in pieces.
      if (index === 0) socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 4000\r\n\r\n${'ab\r\n'.repeat(1000)}`);
      else {
        socket.write('HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n5');
        setTimeout(() => socket.write('\r\nhello\r'), 10);
        setTimeout(() => socket.write('\n0\r\n\r\n'), 20);
      }
    });
    expect(await send(t)).toEqual({ status: 200, errorKind: null });
    expect(await send(t)).toEqual({ status: 201, errorKind: null });
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1]);
  });

  it('reads a body framed by the connection closing, then opens a new connection', async () => {
    const t = await serve((socket, _r, index) => {
      if (index === 0) socket.end('HTTP/1.0 200 OK\r\n\r\nuntil close');
      else socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    expect(await send(t)).toEqual({ status: 200, errorKind: null });
    expect(await send(t)).toEqual({ status: 204, errorKind: null });
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 2]);
  });

  it('does not reuse a connection the receiver answered with connection: close', async () => {
    const t = await serve((socket, _r, index) =>
      socket.write(index === 0 ? 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n' : 'HTTP/1.1 204 No Content\r\n\r\n'),
    );
    expect((await send(t)).status).toBe(200);
    expect((await send(t)).status).toBe(204);
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 2]);
  });

  it('reports a malformed answer or bytes past the response as a parse error and drops the connection', async () => {
    const t = await serve((socket, _r, index) => {
      if (index === 0) socket.write('HTTP/1.1 2x0 Nope\r\n\r\n');
      else if (index === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA');
      else socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    expect(await send(t)).toEqual({ status: null, errorKind: 'parse' });
    expect(await send(t)).toEqual({ status: null, errorKind: 'parse' });
    expect(await send(t)).toEqual({ status: 204, errorKind: null });
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 2, 3]);
  });

  it('replays once on a fresh connection when a kept-alive one dies before any answer byte', async () => {
    const t = await serve((socket, _r, index) => {
      // The second request meets a connection the receiver drops as it arrives (an idle-close race).
      if (index === 1) socket.resetAndDestroy();
      else socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    expect(await send(t)).toEqual({ status: 204, errorKind: null });
    expect(await send(t)).toEqual({ status: 204, errorKind: null });
    // The receiver saw the replayed request twice: at most once is not promised, as with any replay.
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1, 2]);
  });

  it('does not replay on a fresh connection: the failure is reported with its code', async () => {
    const t = await serve((socket) => socket.resetAndDestroy());
    expect(await send(t)).toEqual({ status: null, errorKind: 'ECONNRESET' });
    expect(server!.requests.length).toBe(1);
  });

  it('reports a refused connection as ECONNREFUSED', async () => {
    server = await startScriptedServer(() => {});
    const origin = server.origin;
    await server.close();
    server = undefined;
    transport = createSocketTransport(origin, 2);
    expect(await send(transport)).toEqual({ status: null, errorKind: 'ECONNREFUSED' });
  });

  it('aborts an unanswered request with its kind and closes its connection', async () => {
    let closed = false;
    const t = await serve((socket) => socket.on('close', () => (closed = true)));
    const { result, handle } = post(t);
    await new Promise((resolve) => setTimeout(resolve, 20));
    handle.abort('timeout');
    expect(await result).toEqual({ status: null, errorKind: 'timeout' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(true);
  });

  it('never opens more connections than its cap; queued requests go as connections free up', async () => {
    let open = 0;
    let peak = 0;
    const t = await serve((socket) => {
      open++;
      peak = Math.max(peak, open);
      setTimeout(() => {
        open--;
        socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      }, 15);
    }, 2);
    const results = await Promise.all(Array.from({ length: 7 }, () => send(t)));
    expect(results.map((r) => r.status)).toEqual([204, 204, 204, 204, 204, 204, 204]);
    expect(peak).toBe(2);
    expect(server!.connections()).toBe(2);
  });

  it('on close, ends in-flight and queued requests as aborted', async () => {
    const t = await serve(() => {}, 1);
    const first = post(t).result;
    const queued = post(t).result;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.close();
    expect(await first).toEqual({ status: null, errorKind: 'aborted' });
    expect(await queued).toEqual({ status: null, errorKind: 'aborted' });
    expect(await send(t)).toEqual({ status: null, errorKind: 'aborted' });
  });

  it('writes several requests in a row on one connection, each byte for byte (the connection reuses its buffer)', async () => {
    const t = await serve((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'), 1);
    const bodies = [
      '{"n":1,"long":"' + 'a'.repeat(3000) + '"}',
      '{"n":2}',
      '{"n":3,"é":"ü"}',
      '{"n":4,"x":"' + 'z'.repeat(40_000) + '"}',
      '{"n":5}',
    ];
    for (const body of bodies) expect(await send(t, body, ['x-n', String(body.length)])).toEqual({ status: 204, errorKind: null });
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1, 1, 1, 1]);
    expect(server!.requests.map((r) => r.bytes.toString('latin1'))).toEqual(
      bodies.map((body) => {
        const bytes = Buffer.from(body, 'utf8');
        return `POST /hook HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-n: ${body.length}\r\ncontent-length: ${bytes.length}\r\n\r\n${bytes.toString('latin1')}`;
      }),
    );
  });

  it('keeps the bytes of a write still in progress when the receiver answers early and the next request follows', async () => {
    // The receiver answers each request as soon as its head arrives, long before a 4 MB body is through:
    // the next request is then encoded while the previous write still reads its buffer.
    const received: Buffer[] = [];
    let answered = 0;
    const raw = createServer((socket) => {
      let seen = 0;
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        const text = chunk.toString('latin1');
        for (let at = text.indexOf('POST /hook'); at !== -1; at = text.indexOf('POST /hook', at + 1)) seen++;
        while (answered < seen) {
          answered++;
          socket.write('HTTP/1.1 204 No Content\r\n\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as AddressInfo).port;
    transport = createSocketTransport(`http://127.0.0.1:${port}`, 1);
    const bodies = ['a', 'b', 'c'].map((fill) => fill.repeat(4 * 1024 * 1024));
    const results = [];
    for (const body of bodies) results.push(await send(transport, body, []));
    expect(results).toEqual(bodies.map(() => ({ status: 204, errorKind: null })));
    const expected = bodies
      .map((body) => `POST /hook HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-length: ${body.length}\r\n\r\n${body}`)
      .join('');
    for (let k = 0; k < 200 && Buffer.concat(received).length < expected.length; k++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const all = Buffer.concat(received).toString('latin1');
    expect(all.length).toBe(expected.length);
    expect(all === expected).toBe(true);
    await transport.close();
    transport = undefined;
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it('writes a non-ASCII header value as latin1 beside an ASCII body, as UTF-8 beside a UTF-8 one, and never an unpaired name', async () => {
    const t = await serve((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'), 1);
    expect(await send(t, '{}', ['x-name', 'Zoë', 'x-unpaired'])).toEqual({ status: 204, errorKind: null });
    expect(await send(t, '{"é":1}', ['x-name', 'Zoë'])).toEqual({ status: 204, errorKind: null });
    expect(await send(t, '{}', ['x-a', '1', 'x-unpaired'])).toEqual({ status: 204, errorKind: null });
    const prefix = `POST /hook HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\n`;
    expect(server!.requests.map((r) => r.bytes)).toEqual([
      Buffer.from(`${prefix}x-name: Zoë\r\ncontent-length: 2\r\n\r\n{}`, 'latin1'),
      Buffer.from(`${prefix}x-name: Zoë\r\ncontent-length: 8\r\n\r\n{"é":1}`, 'utf8'),
      Buffer.from(`${prefix}x-a: 1\r\ncontent-length: 2\r\n\r\n{}`, 'latin1'),
    ]);
  });

  it('refuses a header holding a line break without sending anything', async () => {
    const t = await serve((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'));
    expect(await send(t, '{}', ['x-evil', 'a\r\nx-injected: 1'])).toEqual({ status: null, errorKind: 'invalid-header' });
    expect(await send(t, '{}', ['x-evil\n', 'a'])).toEqual({ status: null, errorKind: 'invalid-header' });
    expect(await send(t, '{}', ['x-nul', 'a\0'])).toEqual({ status: null, errorKind: 'invalid-header' });
    expect(await post(t, '{}', [], '/hook\r\nx-injected: 1').result).toEqual({ status: null, errorKind: 'invalid-header' });
    expect(await send(t, '{}', ['x-ok', 'fine'])).toEqual({ status: 204, errorKind: null });
    expect(server!.requests.length).toBe(1);
  });

  it('writes a wire request exactly as given: the same bytes send() writes for the same request', async () => {
    const t = await serve((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'), 1);
    const url = new URL(`${server!.origin}/hook?x=1`);
    const body = '{"a":"é"}';
    const headers = ['x-webhook-event', 'SALE_NEW', 'content-type', 'application/json'];
    expect(await post(t, body, headers, '/hook?x=1').result).toEqual({ status: 204, errorKind: null });
    // A plain Uint8Array (not a Buffer): the head from formatRequestPrefix, the body as UTF-8 bytes.
    const bodyBytes = new TextEncoder().encode(body);
    const head = new TextEncoder().encode(
      `${formatRequestPrefix(url, '/hook?x=1')}x-webhook-event: SALE_NEW\r\ncontent-type: application/json\r\ncontent-length: ${bodyBytes.length}\r\n\r\n`,
    );
    const wire = new Uint8Array(head.length + bodyBytes.length);
    wire.set(head);
    wire.set(bodyBytes, head.length);
    const result = await new Promise<TransportResult>((resolve) => t.sendWire!(wire, resolve));
    expect(result).toEqual({ status: 204, errorKind: null });
    const expected = `POST /hook?x=1 HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-webhook-event: SALE_NEW\r\ncontent-type: application/json\r\ncontent-length: 10\r\n\r\n{"a":"\u00c3\u00a9"}`;
    expect(server!.requests.map((r) => r.bytes.toString('latin1'))).toEqual([expected, expected]);
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1]);
  });

  it('replays a wire request byte for byte on a fresh connection when a kept-alive one dies before any answer byte', async () => {
    const t = await serve((socket, _r, index) => {
      if (index === 1) socket.resetAndDestroy();
      else socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    const wireOf = (n: number): Uint8Array =>
      Buffer.from(`${formatRequestPrefix(new URL(server!.origin), '/w')}x-n: ${n}\r\ncontent-length: 3\r\n\r\n{${n}}`, 'latin1');
    const sendWire = (bytes: Uint8Array) => new Promise<TransportResult>((resolve) => t.sendWire!(bytes, resolve));
    expect(await sendWire(wireOf(1))).toEqual({ status: 204, errorKind: null });
    expect(await sendWire(wireOf(2))).toEqual({ status: 204, errorKind: null });
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1, 2]);
    expect(server!.requests.map((r) => r.bytes.toString('latin1'))).toEqual([
      `POST /w HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-n: 1\r\ncontent-length: 3\r\n\r\n{1}`,
      `POST /w HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-n: 2\r\ncontent-length: 3\r\n\r\n{2}`,
      `POST /w HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-n: 2\r\ncontent-length: 3\r\n\r\n{2}`,
    ]);
  });

  it('sends a byte body as it is, after the same head a string body gets', async () => {
    const t = await serve((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'), 1);
    const bytes = Uint8Array.from([0x7b, 0xc3, 0xa9, 0x00, 0xff, 0x7d]);
    let handle!: ReturnType<LoadTransport['send']>;
    const result = await new Promise<TransportResult>((resolve) => {
      handle = t.send('/hook', ['x-a', '1'], bytes, resolve);
    });
    expect(handle).toBeDefined();
    expect(result).toEqual({ status: 204, errorKind: null });
    expect(server!.requests[0]!.bytes).toEqual(
      Buffer.concat([Buffer.from(`POST /hook HTTP/1.1\r\nhost: 127.0.0.1:${server!.port}\r\nx-a: 1\r\ncontent-length: 6\r\n\r\n`), bytes]),
    );
  });

  it('undici sends a byte body as it is too', async () => {
    server = await startScriptedServer((socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n'));
    transport = createLoadTransport(server.origin, 1);
    const bytes = Uint8Array.from([0x7b, 0xc3, 0xa9, 0x00, 0xff, 0x7d]);
    expect(await send(transport, bytes, ['content-type', 'application/json'])).toEqual({ status: 204, errorKind: null });
    expect(server.requests[0]!.body).toEqual(Buffer.from(bytes));
    expect(server.requests[0]!.head).toMatch(/\r\ncontent-length: 6(\r\n|$)/);
  });

  it('reads a head that arrives a byte at a time, with spaced and listed header values', async () => {
    const t = await serve((socket, _r, index) => {
      const answer =
        index === 0
          ? 'HTTP/1.1 200 OK\r\nCONTENT-LENGTH: \t 5 \r\nConnection: Keep-Alive\r\n\r\nhello'
          : 'HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\nconnection: upgrade, close\r\n\r\n';
      if (index > 0) return void socket.write(answer);
      socket.setNoDelay(true);
      let k = 0;
      const drip = (): void => {
        socket.write(answer.slice(k, k + 1));
        if (++k < answer.length) setTimeout(drip, 1);
      };
      drip();
    });
    expect(await send(t)).toEqual({ status: 200, errorKind: null });
    expect(await send(t)).toEqual({ status: 202, errorKind: null });
    // The second answer asked for the connection to close: a third request needs a new one.
    expect(await send(t)).toEqual({ status: 202, errorKind: null });
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1, 2]);
  });

  it('reads each answer by its own head when consecutive heads differ in one byte (no stale framing reused)', async () => {
    const heads = [
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok',
      'HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nyes',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nyes',
      'HTTP/1.1 201 OK\r\ncontent-length: 3\r\n\r\nyes',
      'HTTP/1.1 201 OK\r\ncontent-length: 3\r\n\r\nyesEXTRA',
      'HTTP/1.1 201 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\nyes',
      'HTTP/1.1 201 OK\r\ncontent-length: 3\r\n\r\nyes',
    ];
    const t = await serve((socket, _r, index) => socket.write(heads[index]!), 1);
    const results: TransportResult[] = [];
    for (let k = 0; k < heads.length; k++) results.push(await send(t));
    expect(results).toEqual([
      { status: 200, errorKind: null },
      { status: 200, errorKind: null },
      { status: 200, errorKind: null },
      { status: 200, errorKind: null },
      { status: 201, errorKind: null },
      { status: null, errorKind: 'parse' },
      { status: 201, errorKind: null },
      { status: 201, errorKind: null },
    ]);
    // A new connection after the parse error and after the connection: close answer, none otherwise.
    expect(server!.requests.map((r) => r.connection)).toEqual([1, 1, 1, 1, 1, 1, 2, 3]);
  });

  it('refuses conflicting content-lengths and a reason phrase holding a bare line feed', async () => {
    const t = await serve((socket, _r, index) => {
      if (index === 0) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 3\r\n\r\nok!');
      else if (index === 1) socket.write('HTTP/1.1 200 O\nK\r\ncontent-length: 0\r\n\r\n');
      else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok');
    });
    expect(await send(t)).toEqual({ status: null, errorKind: 'parse' });
    expect(await send(t)).toEqual({ status: null, errorKind: 'parse' });
    expect(await send(t)).toEqual({ status: 200, errorKind: null });
  });

  it('formats the request line and host header as send() writes them', () => {
    expect(formatRequestPrefix(new URL('http://127.0.0.1:3000/hook?a=1'), '/hook?a=1')).toBe(
      'POST /hook?a=1 HTTP/1.1\r\nhost: 127.0.0.1:3000\r\n',
    );
    expect(formatRequestPrefix(new URL('http://[::1]:80/x'), '/x')).toBe('POST /x HTTP/1.1\r\nhost: [::1]\r\n');
  });

  it('speaks plain http only', () => {
    expect(() => createSocketTransport('https://127.0.0.1:1', 1)).toThrow(
      'Failed to create the socket transport for https://127.0.0.1:1: it speaks plain http: only. Use createLoadTransport for https: targets.',
    );
  });
});

describe('chooseLoadTransportName', () => {
  it('takes the socket client for http:, undici for https:, and SYSTEME_MOCK_TRANSPORT as an override for http:', () => {
    expect(chooseLoadTransportName('http://127.0.0.1:3000', {})).toBe('socket');
    expect(chooseLoadTransportName('https://example.test', {})).toBe('undici');
    expect(chooseLoadTransportName('http://127.0.0.1:3000', { SYSTEME_MOCK_TRANSPORT: 'undici' })).toBe('undici');
    expect(chooseLoadTransportName('https://example.test', { SYSTEME_MOCK_TRANSPORT: 'socket' })).toBe('undici');
    expect(() => chooseLoadTransportName('http://127.0.0.1:3000', { SYSTEME_MOCK_TRANSPORT: 'curl' })).toThrow(
      'Failed to choose the load transport: SYSTEME_MOCK_TRANSPORT is "curl", not undici or socket. Unset it or set it to undici or socket.',
    );
  });
});
