import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM_LIMIT, PROBLEM_STOP } from '../../src/catalog/schema.js';
import { UsageError } from '../../src/errors.js';
import { generate, validatePayload } from '../../src/generate/index.js';
import { createInbox, DEFAULT_MAX_BODY_BYTES, type Inbox, type InboxOptions } from '../../src/receiver/create-inbox.js';
import { formatInboxLine } from '../../src/receiver/format-inbox-line.js';
import { inspectDelivery } from '../../src/receiver/inspect-delivery.js';
import { signPayload } from '../../src/signature/index.js';
import { startBin } from '../cli/send-listen-support.js';
import { HOSTILE_SHAPES, postBody, readProcessMemory, type HostileShape } from '../support/hostile-bodies.js';

const SECRET = 'whsec_hostile-tests';
const MB = 1024 * 1024;

let inbox: Inbox | undefined;
const errors: string[] = [];
afterEach(async () => {
  await inbox?.close();
  inbox = undefined;
  errors.length = 0;
});

async function open(options: InboxOptions = {}): Promise<Inbox> {
  inbox = await createInbox({ onError: (line) => errors.push(line), ...options });
  return inbox;
}

/** A genuine signed SALE_NEW delivery: the probe that must keep working whatever else arrives. */
function genuine(index: number): { body: string; headers: Record<string, string> } {
  const event = generate('SALE_NEW', { seed: 10, index, now: new Date() });
  return {
    body: event.body,
    headers: {
      'x-webhook-event': 'SALE_NEW',
      'x-webhook-signature': signPayload(event.body, SECRET),
      'x-webhook-event-timestamp': new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      'x-webhook-message-id': `0199a1b2-0000-7000-8000-${String(index).padStart(12, '0')}`,
    },
  };
}

const TOO_LARGE = {
  accepted: false,
  trigger: null,
  messageId: null,
  signature: 'unsigned',
  reason: `body larger than ${DEFAULT_MAX_BODY_BYTES} bytes: not read (pass a larger --max-body to accept it)`,
  problems: [],
  notes: [],
};

describe('the inbox bounds its work per request (issue 10, case 1)', () => {
  it('answers a 4 MB body 413 at the default 1 MiB limit, keeps nothing of it, and the connection stays usable', async () => {
    await open({ secrets: [SECRET] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answer = await postBody(inbox!.url, HOSTILE_SHAPES.zeros(4_000_000), {}, agent);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(TOO_LARGE);
    // The same socket carries the next delivery: the refused body was read to its end, not cut off.
    const probe = genuine(0);
    const next = await postBody(inbox!.url, probe.body, probe.headers, agent);
    agent.destroy();
    expect(next.status).toBe(200);
    expect(inbox!.deliveries.map((d) => [d.status, d.body.length])).toEqual([
      [413, 0],
      [200, probe.body.length],
    ]);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(MB);
  });

  it('a body that never ends is cut off 64 MiB past the limit: a 413 delivery, and the inbox answers on', async () => {
    await open({ secrets: [SECRET] });
    const chunk = Buffer.alloc(MB, 0x20);
    let sent = 0;
    // Up to 200 MiB, unless the inbox closes the connection first (it must: the sender then sees its
    // 413 or, still writing, a closed pipe).
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(inbox!.url, { method: 'POST' }, (res) => {
        res.resume();
        res.on('end', () => resolve(`status ${res.statusCode}`));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
      const pump = (): void => {
        while (sent < 200 * MB) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(['status 413', 'error EPIPE', 'error ECONNRESET']).toContain(outcome);
    expect(sent).toBeGreaterThan(65 * MB);
    expect(sent).toBeLessThan(150 * MB);
    expect(inbox!.deliveries.map((d) => [d.status, d.body])).toEqual([[413, '']]);
    const probe = genuine(5);
    expect((await postBody(inbox!.url, probe.body, probe.headers)).status).toBe(200);
  });

  it('the limit is exact: maxBodyBytes is accepted, one byte more is 413', async () => {
    const body = HOSTILE_SHAPES.longType(1000);
    await open({ maxBodyBytes: body.length });
    expect((await postBody(inbox!.url, body)).status).toBe(200);
    expect((await postBody(inbox!.url, `${body} `)).status).toBe(413);
  });

  it('refuses a body limit that is not a whole number of bytes', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      const refused = createInbox({ maxBodyBytes: bad });
      await expect(refused).rejects.toBeInstanceOf(UsageError);
      await expect(refused).rejects.toThrow(
        `Failed to start the inbox: the body limit ${String(bad)} is not a whole number of bytes from 1. Pass e.g. --max-body 1048576.`,
      );
    }
  });

  it('caps the problems of 2 million zeros (the body that killed listen) and bounds the reply and the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-hostile-'));
    const store = join(dir, 'store.ndjson');
    await open({ maxBodyBytes: 5 * MB, store });
    const body = HOSTILE_SHAPES.zeros(4_000_000);
    expect(body.length).toBeGreaterThan(3_990_000);
    const answer = await postBody(inbox!.url, body);
    expect(answer.status).toBe(400);
    const reply = JSON.parse(answer.body) as { reason: string; problems: string[] };
    const problem =
      '$.data.order_item.resources[]: matches none of the documented alternatives (systemeio_tag: $.data.order_item.resources[]: expected object, got integer; membership_course: $.data.order_item.resources[]: expected object, got integer; course_bundle: $.data.order_item.resources[]: expected object, got i... (86 more characters)';
    expect(reply.problems).toEqual([
      ...Array<string>(PROBLEM_LIMIT).fill(problem),
      `and at least ${PROBLEM_STOP - PROBLEM_LIMIT} more problems (the check stopped there)`,
    ]);
    expect(reply.reason).toBe(`body does not match customer.sale.completed: ${problem} (and at least ${PROBLEM_STOP - 1} more)`);
    expect(answer.body.length).toBeLessThan(8 * 1024);
    const lines = readFileSync(store, 'utf8').split('\n');
    expect(lines).toHaveLength(2);
    const stored = JSON.parse(lines[0]!) as { body: string; problems: string[] };
    expect(stored.body).toBe(body);
    expect(stored.problems).toEqual(reply.problems);
    // The record is the body plus a few kilobytes, never a problem per zero.
    expect(lines[0]!.length - body.length).toBeLessThan(12 * 1024);
    expect(lines[1]).toBe('');
  });

  it('refuses a deeply nested body or one of 300,000 keys unparsed, and cuts echoed texts (type, keys) to a few hundred characters', async () => {
    await open({ maxBodyBytes: 5 * MB });
    const deep = await postBody(inbox!.url, HOSTILE_SHAPES.deep(4_000_000));
    expect([deep.status, JSON.parse(deep.body).reason]).toEqual([
      400,
      "body nests deeper than 64 levels: not parsed (systeme.io's payloads nest 8)",
    ]);

    const longType = await postBody(inbox!.url, HOSTILE_SHAPES.longType(4_000_000));
    const typeLength = 4_000_000 - 11;
    expect(longType.status).toBe(200);
    const typed = JSON.parse(longType.body) as { trigger: string; reason: string; notes: string[] };
    expect(typed.trigger).toBe(`${'x'.repeat(300)}... (${typeLength - 300} more characters)`);
    const note = `unknown type "${'x'.repeat(typeLength)}": body not checked`;
    expect(typed.notes).toEqual([`${note.slice(0, 300)}... (${note.length - 300} more characters)`]);
    expect(longType.body.length).toBeLessThan(2048);

    const manyKeys = await postBody(inbox!.url, HOSTILE_SHAPES.manyKeys(4_000_000));
    expect([manyKeys.status, JSON.parse(manyKeys.body).reason]).toEqual([
      400,
      "body has more than 10000 object members: not parsed (systeme.io's payloads have a few hundred)",
    ]);

    // Under the member limit, the keys are named in the problem, cut to a few hundred characters.
    const someKeys = HOSTILE_SHAPES.manyKeys(90_000);
    const fewer = await postBody(inbox!.url, someKeys);
    const keyed = JSON.parse(fewer.body) as { reason: string; problems: string[] };
    expect(fewer.status).toBe(400);
    expect(keyed.problems).toHaveLength(1);
    expect(keyed.problems[0]).toMatch(
      /^\$: expected keys \[type, data, account, created_at\], got \[type, k0, k1, k2, .{200,300}\.\.\. \(\d+ more characters\)$/,
    );
    expect(fewer.body.length).toBeLessThan(2048);
    expect(inbox!.deliveries.map((d) => d.status)).toEqual([400, 200, 400, 400]);
  });

  it('caps a validator of its own too, counting the rest exactly', () => {
    const verdict = inspectDelivery(
      { method: 'POST', headers: {}, body: Buffer.from(generate('contact.tag.added', { seed: 1 }).body) },
      { validate: () => Array.from({ length: 5000 }, (_, i) => `problem ${i}`) },
    );
    expect(verdict.problems).toEqual([
      ...Array.from({ length: PROBLEM_LIMIT }, (_, i) => `problem ${i}`),
      `and ${5000 - PROBLEM_LIMIT} more problems`,
    ]);
    expect(verdict.reason).toBe('body does not match contact.tag.added: problem 0 (and 4999 more)');
  });

  it('answers 500 and reports one line when handling a request throws, then keeps answering', async () => {
    await open({
      secrets: [SECRET],
      validate: (triggerId) => {
        if (triggerId === 'contact.tag.added') throw new RangeError('Invalid string length');
        return [];
      },
    });
    const broken = await postBody(inbox!.url, generate('contact.tag.added', { seed: 1 }).body);
    expect(broken.status).toBe(500);
    expect(JSON.parse(broken.body)).toEqual({ accepted: false, reason: 'the inbox failed to handle this request; see its log' });
    expect(errors).toEqual(['Failed to handle a POST / request: Invalid string length. It was answered 500; the inbox keeps running.']);
    const probe = genuine(1);
    expect((await postBody(inbox!.url, probe.body, probe.headers)).status).toBe(200);
    expect(inbox!.deliveries.map((d) => d.status)).toEqual([200]);
    // The log line stays one short line whatever the URL and the error say.
    const url = `${inbox!.url}${'p'.repeat(5000)}`;
    expect((await postBody(url, generate('contact.tag.added', { seed: 2 }).body)).status).toBe(500);
    expect(errors[1]).toBe(
      `Failed to handle a POST /${'p'.repeat(199)}... request: Invalid string length. It was answered 500; the inbox keeps running.`,
    );
  });

  it('a listener that throws is reported; the sender has its answer and the inbox goes on', async () => {
    await open({ secrets: [SECRET] });
    inbox!.onDelivery((delivery) => {
      if (delivery.seq === 1) throw new Error('listener bug\non two lines');
    });
    const first = genuine(2);
    const second = genuine(3);
    expect((await postBody(inbox!.url, first.body, first.headers)).status).toBe(200);
    expect((await postBody(inbox!.url, second.body, second.headers)).status).toBe(200);
    expect(errors).toEqual(['Failed to run an onDelivery listener for delivery #1: listener bug on two lines. The inbox keeps running.']);
    expect(inbox!.deliveries).toHaveLength(2);
  });

  it('genuine deliveries are still checked in full (no cap reached: the same verdict as before)', async () => {
    await open({ secrets: [SECRET] });
    const probe = genuine(4);
    await postBody(inbox!.url, probe.body, probe.headers);
    expect(formatInboxLine(inbox!.deliveries[0]!)).toBe(
      `#1 ✓ 200 SALE_NEW ${probe.headers['x-webhook-message-id']} signature valid, body matches SALE_NEW`,
    );
    expect(validatePayload('SALE_NEW', JSON.parse(probe.body))).toEqual([]);
  });
});

describe('listen under a flood of hostile bodies (issue 10, case 1)', () => {
  const SHAPES = Object.keys(HOSTILE_SHAPES) as HostileShape[];

  /** Starts `listen` on a free port and returns it with its URL. */
  async function startListen(args: string[] = []) {
    const bin = startBin(['listen', '--port', '0', ...args], { SYSTEME_MOCK_SECRET: SECRET });
    const out = await bin.waitForStdout(/Listening on (http:\/\/\S+\/)/);
    return { bin, url: /Listening on (http:\/\/\S+\/)/.exec(out)![1]! };
  }

  /** Sends `count` bodies cycling through the shapes, `parallel` at a time; every one must be answered. */
  async function flood(url: string, bodies: readonly string[], count: number, parallel: number): Promise<number[]> {
    const statuses: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const body = bodies[next++ % bodies.length]!;
        statuses.push((await postBody(url, body)).status);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return statuses;
  }

  it('100 unsigned 4 MB bodies of four pathological shapes: every one answered 413, genuine deliveries answered meanwhile, memory bounded', async () => {
    const { bin, url } = await startListen();
    try {
      const bodies = SHAPES.map((shape) => HOSTILE_SHAPES[shape](4_000_000));
      const probes: number[] = [];
      const flooding = flood(url, bodies, 100, 10);
      // Genuine deliveries while the flood runs: each answered 200 with its verdict.
      for (let i = 0; i < 10; i++) {
        const probe = genuine(100 + i);
        const answer = await postBody(url, probe.body, probe.headers);
        probes.push(answer.status);
        expect(JSON.parse(answer.body).reason).toBe('signature valid, body matches SALE_NEW');
      }
      const statuses = await flooding;
      expect(probes).toEqual(Array<number>(10).fill(200));
      expect(statuses).toEqual(Array<number>(100).fill(413));
      const memory = readProcessMemory(bin.child.pid!);
      expect(memory.peak).toBeLessThan(300 * MB);
      expect(bin.child.exitCode).toBeNull();
    } finally {
      bin.child.kill('SIGINT');
    }
    const result = await bin.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('Received 110 deliveries: 10 accepted, 100 rejected.');
    expect(lines.filter((line) => line.includes(' ✗ 413 (unknown) body larger than 1048576 bytes'))).toHaveLength(100);
  }, 120_000);

  it('with --max-body 5000000 the same shapes are parsed and checked: answered 400 with capped problems, listen stays up, memory bounded', async () => {
    const { bin, url } = await startListen(['--max-body', '5000000']);
    try {
      const bodies = SHAPES.map((shape) => HOSTILE_SHAPES[shape](4_000_000));
      const statuses = await flood(url, bodies, 20, 4);
      expect(statuses.filter((s) => s === 400)).toHaveLength(15);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5); // longType: an unknown type is accepted with a note
      const probe = genuine(200);
      expect((await postBody(url, probe.body, probe.headers)).status).toBe(200);
      // Each accepted body is parsed and kept in memory (inbox.deliveries): memory grows with --max-body,
      // so this bound is looser than the 300 MB of the default limit. Before, the first body killed listen.
      expect(readProcessMemory(bin.child.pid!).peak).toBeLessThan(640 * MB);
    } finally {
      bin.child.kill('SIGINT');
    }
    const result = await bin.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Received 21 deliveries: 6 accepted, 15 rejected.');
    // Every printed line is short, whatever the body held.
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThan(2048);
  }, 120_000);
});
