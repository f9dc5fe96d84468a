import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverEvent } from '../../src/delivery/deliver-event.js';
import { normalizeSendOptions } from '../../src/delivery/normalize-send-options.js';
import { generate } from '../../src/generate/index.js';
import { runBin } from './send-listen-support.js';

// Issue 10 case 7: a 200 answer with a 700 MB body was buffered whole, failed as
// ERR_BODY_PARSE_FAILURE and the event was sent again. Only the first 2,000 characters are used, so
// only those are read. The test's body is 50 MB, streamed; the server counts what it could write.

const BODY_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

interface HugeServer {
  url: string;
  requests: number;
  /** Resolves, per request, to the bytes the server wrote before the client went away or it finished. */
  written: Array<Promise<number>>;
  close(): Promise<void>;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

async function startHugeServer(): Promise<HugeServer> {
  const state: HugeServer = { url: '', requests: 0, written: [], close: async () => undefined };
  server = createServer((req, res) => {
    state.requests++;
    req.resume();
    state.written.push(
      new Promise((resolve) => {
        let sent = 0;
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(BODY_BYTES) });
        res.write('{"ok":true} ');
        sent += 12;
        const pump = (): void => {
          while (sent < BODY_BYTES && !res.destroyed) {
            const part = Math.min(CHUNK.length, BODY_BYTES - sent);
            sent += part;
            if (!res.write(part === CHUNK.length ? CHUNK : CHUNK.subarray(0, part))) return void res.once('drain', pump);
          }
          if (sent >= BODY_BYTES) res.end();
        };
        res.on('close', () => resolve(sent));
        pump();
      }),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return state;
}

describe('a 200 answer with a huge body (50 MB, streamed)', () => {
  it('deliverEvent: delivered on the first attempt, the preview is the first 2,000 characters, the rest is never read', async () => {
    const huge = await startHugeServer();
    const result = await deliverEvent(generate('SALE_NEW', { seed: 1 }), normalizeSendOptions({ to: huge.url, secret: 's', retries: 3 }));
    expect(result.ok).toBe(true);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]!.status).toBe(200);
    expect(result.attempts[0]!.error).toBeNull();
    expect(result.attempts[0]!.responseBody).toBe('{"ok":true} ' + 'a'.repeat(1988));
    expect(huge.requests).toBe(1);
    // The client hung up long before the end: at most what the socket buffers held was written.
    expect(await huge.written[0]).toBeLessThan(BODY_BYTES);
  });

  it('send: exit 0, one request, one log line with status 200', async () => {
    const huge = await startHugeServer();
    const log = join(mkdtempSync(join(tmpdir(), 'systeme-mock-huge-')), 'attempts.ndjson');
    const run = await runBin(['send', 'SALE_NEW', '--to', huge.url, '--log', log], { SYSTEME_MOCK_SECRET: 'huge-secret' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ SALE_NEW [0-9a-f-]{36} 200 in \d+ ms\n1 delivered, 0 failed, 1 attempt in \d+ ms\.\n$/);
    expect(huge.requests).toBe(1);
    const lines = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: number; ok: boolean; error: string | null });
    expect(lines).toEqual([expect.objectContaining({ status: 200, ok: true, error: null })]);
  });
});
