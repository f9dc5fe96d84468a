import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryLog } from '../../src/wire/delivery-log.js';
import { startLoad } from '../../src/load/run-load.js';
import type { LoadEngineOptions, MakeRequest } from '../../src/load/run-load.js';
import type { LoadTransport } from '../../src/load/create-load-transport.js';
import { createLoadTransport } from '../../src/load/create-load-transport.js';
import { formatRequestPrefix } from '../../src/load/create-socket-transport.js';
import { readLog } from './support/read-log.js';
import { startTestReceiver } from './support/start-test-receiver.js';
import type { TestReceiver } from './support/start-test-receiver.js';

const literal: MakeRequest = (index) => ({
  trigger: index % 5 === 0 ? 'SALE_CANCELED' : 'SALE_NEW',
  body: `{"index":${index}}`,
  headers: ['content-type', 'application/json', 'x-index', String(index)],
  messageId: `m-${index}`,
  attemptId: `a-${index}`,
});

function engine(url: string, overrides: Partial<LoadEngineOptions> = {}): LoadEngineOptions {
  return {
    url,
    rate: 500,
    rampMs: 0,
    count: 200,
    durationMs: Infinity,
    concurrency: 64,
    maxLagMs: 1000,
    lateAfterMs: 10,
    timeoutMs: 2000,
    graceMs: 200,
    ...overrides,
  };
}

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('startLoad', () => {
  it('sends every scheduled request once; its counts and its log agree with what the receiver counted', async () => {
    // Every 10th request fails, every 3rd is delayed: the engine must count exactly what happened.
    receiver = await startTestReceiver({ statusFor: (n) => (n % 10 === 0 ? 503 : 204), delayFor: (n) => (n % 3 === 0 ? 15 : 0) });
    const logFile = join(mkdtempSync(join(tmpdir(), 'fire-')), 'log.ndjson');
    const log = createDeliveryLog(logFile);
    const { stats } = await startLoad(engine(receiver.url), { makeRequest: literal, log }).done;
    log.close();

    expect(receiver.received.length).toBe(200);
    expect(stats.scheduled).toBe(200);
    expect(stats.sent).toBe(200);
    expect(stats.responses).toBe(200);
    expect(stats.statusCounts).toEqual({ '204': receiver.answered.get(204), '503': receiver.answered.get(503) });
    expect(stats.statusCounts).toEqual({ '204': 180, '503': 20 });
    expect(stats.ok).toBe(180);
    expect(stats.failed).toBe(20);
    expect(stats.dropped).toBe(0);
    expect(stats.errorCounts).toEqual({});
    expect(stats.triggerCounts).toEqual({ SALE_NEW: 160, SALE_CANCELED: 40 });
    expect(stats.latency.totalCount).toBe(200);
    expect(stats.serviceLatency.totalCount).toBe(200);
    expect(stats.scheduleLag.totalCount).toBe(200);
    // Latency from the intended time is never below latency from the actual send.
    expect(stats.latency.maxValue).toBeGreaterThanOrEqual(stats.serviceLatency.maxValue);
    // The per-second timeline adds up to the totals.
    expect(stats.timeline.reduce((n, s) => n + s.sent, 0)).toBe(200);
    expect(stats.timeline.reduce((n, s) => n + s.failed, 0)).toBe(20);

    // Each request arrived once, with the bytes and headers the factory built.
    const indexes = receiver.received.map((r) => Number(r.headers['x-index'])).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 200 }, (_, i) => i));

    const lines = readLog(logFile);
    expect(lines.length).toBe(200);
    expect(lines.filter((l) => l.ok).length).toBe(180);
    expect(lines.filter((l) => l.status === 503).map((l) => l.error)).toEqual(Array(20).fill('HTTP 503'));
    expect(new Set(lines.map((l) => l.messageId)).size).toBe(200);
    expect(lines[0]).toMatchObject({ attempt: 1, url: receiver.url });
  });

  it('sends wire requests through the socket transport: the receiver gets each body and header as built', async () => {
    receiver = await startTestReceiver({ keepBodies: true });
    const url = new URL(receiver.url);
    const prefix = formatRequestPrefix(url, `${url.pathname}${url.search}`);
    const wire: MakeRequest = (index) => {
      const body = `{"index":${index},"name":"Zoë"}`;
      const bytes = Buffer.from(
        `${prefix}content-type: application/json\r\nx-index: ${index}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return {
        trigger: 'SALE_NEW',
        messageId: `m-${index}`,
        attemptId: null,
        wire: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      };
    };
    const { stats } = await startLoad(engine(receiver.url, { count: 50 }), { makeRequest: wire }).done;
    expect([stats.sent, stats.ok, stats.failed]).toEqual([50, 50, 0]);
    expect(stats.statusCounts).toEqual({ '204': 50 });
    const got = receiver.received
      .map((r) => [Number(r.headers['x-index']), r.body, r.headers['content-type']] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => [i, `{"index":${i},"name":"Zoë"}`, 'application/json']));
  });

  it('ends a wire request on a transport without sendWire (undici) as invalid-request: counted, logged, never sent', async () => {
    receiver = await startTestReceiver();
    const logFile = join(mkdtempSync(join(tmpdir(), 'fire-')), 'log.ndjson');
    const log = createDeliveryLog(logFile);
    // Every third request is complete bytes; the others are parts, which undici sends.
    const mixed: MakeRequest = (index, now) =>
      index % 3 === 0
        ? { trigger: 'SALE_NEW', messageId: `m-${index}`, attemptId: `a-${index}`, wire: Buffer.from('POST / HTTP/1.1\r\n\r\n') }
        : literal(index, now);
    const transport = createLoadTransport(new URL(receiver.url).origin, 8);
    const { stats } = await startLoad(engine(receiver.url, { count: 30 }), { makeRequest: mixed, transport, log }).done;
    log.close();
    expect([stats.sent, stats.ok, stats.failed, stats.responses]).toEqual([30, 20, 10, 20]);
    expect(stats.errorCounts).toEqual({ 'invalid-request': 10 });
    expect(stats.timeline.reduce((n, s) => n + (s.errorCounts['invalid-request'] ?? 0), 0)).toBe(10);
    expect(receiver.received.length).toBe(20);
    const lines = readLog(logFile);
    expect(lines.filter((l) => l.error === 'invalid-request').map((l) => [l.messageId, l.status, l.ok])).toEqual(
      Array.from({ length: 10 }, (_, k) => [`m-${k * 3}`, null, false]),
    );
  });

  it('runs i ≡ k (mod N) shares whose union is the whole schedule', async () => {
    receiver = await startTestReceiver();
    const startNs = process.hrtime.bigint() + 10_000_000n;
    const runs = [0, 1].map(
      (index) => startLoad(engine(receiver!.url, { count: 101, share: { index, of: 2 }, startNs }), { makeRequest: literal }).done,
    );
    const [a, b] = await Promise.all(runs);
    expect(a!.stats.sent).toBe(51);
    expect(b!.stats.sent).toBe(50);
    const indexes = receiver.received.map((r) => Number(r.headers['x-index'])).sort((x, y) => x - y);
    expect(indexes).toEqual(Array.from({ length: 101 }, (_, i) => i));
  });

  it('counts requests that wait for a slot past --max-lag as dropped, and sends none of them', async () => {
    // One slot and a receiver that takes 100 ms: at 100/s, most requests cannot be sent in time.
    receiver = await startTestReceiver({ delayFor: () => 100 });
    const { stats } = await startLoad(engine(receiver.url, { rate: 100, count: 30, concurrency: 1, maxLagMs: 50 }), {
      makeRequest: literal,
    }).done;
    expect(stats.scheduled).toBe(30);
    expect(stats.sent + stats.dropped).toBe(30);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(receiver.received.length).toBe(stats.sent);
    expect(stats.timeline.reduce((n, s) => n + s.dropped, 0)).toBe(stats.dropped);
  });

  it('ends with a report when the receiver stops answering mid-run: the silent requests time out', async () => {
    receiver = await startTestReceiver({ statusFor: (n) => (n > 40 ? null : 204) });
    const { stats } = await startLoad(engine(receiver.url, { count: 100, concurrency: 8, timeoutMs: 300, maxLagMs: 100 }), {
      makeRequest: literal,
    }).done;
    expect(stats.ok).toBe(40);
    expect(stats.statusCounts).toEqual({ '204': 40 });
    expect(stats.errorCounts.timeout).toBe(stats.sent - 40);
    expect(stats.failed).toBe(stats.sent - 40);
    expect(stats.sent + stats.dropped).toBe(100);
    expect(receiver.received.length).toBe(stats.sent);
  });

  it('on abort stops scheduling, lets in-flight requests finish within the grace, then aborts the rest', async () => {
    // Requests 1-10 answer fast; from 11 on the receiver never answers, so those are in flight at abort.
    receiver = await startTestReceiver({ statusFor: (n) => (n > 10 ? null : 204) });
    const controller = new AbortController();
    const run = startLoad(engine(receiver.url, { rate: 200, count: 10_000, concurrency: 4, timeoutMs: 60_000, graceMs: 100 }), {
      makeRequest: literal,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const { stats, interrupted } = await run.done;
    expect(interrupted).toBe(true);
    expect(stats.ok).toBe(10);
    expect(stats.errorCounts).toEqual({ aborted: 4 });
    expect(stats.sent).toBe(14);
    expect(stats.scheduled).toBe(stats.sent + stats.dropped);
    expect(stats.scheduled).toBeLessThan(10_000);
  });

  it('on abortSignal aborts every request in flight at once, without waiting for the grace', async () => {
    // From request 4 on the receiver never answers; the grace is a minute, so only abortSignal ends the run.
    receiver = await startTestReceiver({ statusFor: (n) => (n > 3 ? null : 204) });
    const stop = new AbortController();
    const abortNow = new AbortController();
    const run = startLoad(engine(receiver.url, { rate: 200, count: 10_000, concurrency: 4, timeoutMs: 60_000, graceMs: 60_000 }), {
      makeRequest: literal,
      signal: stop.signal,
      abortSignal: abortNow.signal,
    });
    setTimeout(() => stop.abort(), 200);
    setTimeout(() => abortNow.abort(), 300);
    const began = performance.now();
    const { stats, interrupted } = await run.done;
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(interrupted).toBe(true);
    expect(stats.ok).toBe(3);
    expect(stats.errorCounts).toEqual({ aborted: 4 });
    expect(stats.sent).toBe(7);
  });

  it('sends as fast as the concurrency allows at rate max, never more in flight than the cap', async () => {
    let inFlight = 0;
    let peak = 0;
    receiver = await startTestReceiver({
      delayFor: () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => inFlight--, 4);
        return 5;
      },
    });
    const { stats } = await startLoad(engine(receiver.url, { rate: Infinity, count: 300, concurrency: 8 }), { makeRequest: literal }).done;
    expect(stats.sent).toBe(300);
    expect(stats.ok).toBe(300);
    expect(stats.late).toBe(0);
    expect(peak).toBeLessThanOrEqual(8);
  });

  it('builds requests in batches of at most 64 and sends each batch right after building it', async () => {
    const steps: string[] = [];
    const transport: LoadTransport = {
      send: (_path, headers, _body, done) => {
        steps.push(`send ${headers[3]}`);
        setTimeout(() => done({ status: 204, errorKind: null }), 1);
        return { abort: () => {} };
      },
      close: async () => {},
    };
    const makeRequest: MakeRequest = (index, now) => {
      steps.push(`build ${index}`);
      return literal(index, now);
    };
    const { stats } = await startLoad(engine('http://127.0.0.1:9/', { rate: Infinity, count: 300, concurrency: 300 }), {
      makeRequest,
      transport,
    }).done;
    expect(stats.sent).toBe(300);
    // Runs of builds, each followed by the sends of exactly those requests, in index order.
    const builds: number[] = [];
    let sentUpTo = 0;
    let run = 0;
    for (const step of steps) {
      const index = Number(step.split(' ')[1]);
      if (step.startsWith('build')) {
        run++;
        continue;
      }
      if (run > 0) builds.push(run);
      run = 0;
      expect(index).toBe(sentUpTo++);
    }
    expect(builds.reduce((a, b) => a + b, 0)).toBe(300);
    expect(Math.max(...builds)).toBe(64);
    expect(steps.slice(0, 64)).toEqual(Array.from({ length: 64 }, (_, k) => `build ${k}`));
  });

  it('starts its clock at its first turn of the event loop, not while the caller is still busy', async () => {
    receiver = await startTestReceiver();
    const run = startLoad(engine(receiver.url, { rate: 100, count: 3 }), { makeRequest: literal });
    // The caller keeps the thread for 60 ms after starting the run, as the CLI's parser does.
    const until = performance.now() + 60;
    while (performance.now() < until);
    const { stats } = await run.done;
    expect(stats.sent).toBe(3);
    expect(stats.late).toBe(0);
    expect(stats.scheduleLag.maxValue).toBeLessThan(10_000);
  });

  it('judges lateness when a request is sent, and sends a batch once it has taken 2 ms to build', async () => {
    const sends: number[] = [];
    const transport: LoadTransport = {
      send: (_path, headers, _body, done) => {
        sends.push(Number(headers[3]));
        setImmediate(() => done({ status: 204, errorKind: null }));
        return { abort: () => {} };
      },
      close: async () => {},
    };
    // Each build takes 30 ms, so each batch holds one request. Request k (due at k ms) is decided when
    // the previous one is sent, about 30k ms in, and sent 30 ms later: request 2 is about 58 ms late when
    // decided but 88 ms late when sent, so with lateAfterMs 75 requests 2, 3 and 4 are late (judged at the
    // decision, only 3 and 4 would be). The margins are wide enough for a busy machine: request 1 is sent
    // about 59 ms late, 16 ms under the limit.
    const slow: MakeRequest = (index, now) => {
      const until = performance.now() + 30;
      while (performance.now() < until);
      return literal(index, now);
    };
    const { stats } = await startLoad(engine('http://127.0.0.1:9/', { rate: 1000, count: 5, lateAfterMs: 75 }), {
      makeRequest: slow,
      transport,
    }).done;
    expect(sends).toEqual([0, 1, 2, 3, 4]);
    expect(stats.sent).toBe(5);
    expect(stats.late).toBe(3);
    expect(stats.timeline[0]!.late).toBe(3);
  });
});
