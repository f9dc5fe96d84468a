import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createGenerator, generateEvents } from '../../src/generate/index.js';
import { signPayload, verifySignature } from '../../src/signature/index.js';
import { headerPairs, useRawServer } from '../delivery/raw-server.js';
import { runBin, startBin } from './send-listen-support.js';

const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-send-cli-'));
const SECRET = 'cli-secret-7f3a9d1e';
const secretFile = join(dir, 'secret');
writeFileSync(secretFile, `${SECRET}\n`);

const MESSAGE_ID = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** Fixtures as `generate` writes them: one wire body per line. */
function ndjson(triggers: string[], count: number): string {
  return [...generateEvents(triggers, { count, seed: 5 })].map((e) => `${e.body}\n`).join('');
}

const serve = useRawServer();

describe('send with no --to: the README main command', () => {
  it('starts an inbox, sends three signed sales, and prints what was received and verified', async () => {
    const result = await runBin(['send', 'SALE_NEW', '--count', '3', '--seed', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^Started an inbox at http:\/\/127\.0\.0\.1:\d+\/ for this run \(no --to given\), signing with a generated secret\.$/,
    );
    for (const line of lines.slice(1, 4)) {
      expect(line).toMatch(new RegExp(`^✓ SALE_NEW ${MESSAGE_ID} 200 in \\d+ ms — verified ✓ signature valid, body matches SALE_NEW$`));
    }
    expect(lines[4]).toMatch(/^3 delivered, 0 failed, 3 attempts in \d+ ms\.$/);
    expect(lines[5]).toBe('Pass --to URL (and --secret-file FILE) to send to your own receiver.');
  });

  it('shows the inbox rejecting a re-serialized body, and exits 1', async () => {
    const result = await runBin(['send', 'CONTACT_CREATED', '--seed', '2', '--fault', 'reserialized-body', '--retries', '0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`\\n✗ CONTACT_CREATED ${MESSAGE_ID} 401 in \\d+ ms — verified ✗ signature mismatch: the body has an unescaped "/"`),
    );
    expect(result.stdout).toContain('The inbox rejected 1 faulty delivery, as a correct receiver does (--fault reserialized-body).');
  });
  it('warns when a re-serialized body is byte-identical, so that delivery is genuine', async () => {
    // A seed whose first CONTACT_CREATED has nothing JSON.stringify would change (found, not hard-coded,
    // so the test follows the world's values).
    const seed = Array.from({ length: 1000 }, (_, s) => s).find((s) => {
      const body = createGenerator({ seed: s }).event('CONTACT_CREATED', 0).body;
      return !body.includes('\\/') && !body.includes('\\u') && !/\d\.0[,}\]]/.test(body);
    })!;
    const result = await runBin(['send', 'CONTACT_CREATED', '--seed', String(seed), '--fault', 'reserialized-body', '--retries', '0']);
    expect(result.stderr).toBe(
      'systeme-mock: --fault reserialized-body changes nothing in CONTACT_CREATED event 0: its body has no "\\/", no "\\u" escape and no x.0 float, so this delivery is genuine.\n',
    );
    expect(result.code).toBe(0);
  });
});

describe('send --to a receiver', () => {
  it('signs with the secret from a file, logs every attempt, and never prints or logs the secret', async () => {
    const { url, requests } = await serve((_req, res, index) => res.writeHead(index === 0 ? 503 : 200).end());
    const log = join(dir, 'attempts.ndjson');
    const result = await runBin([
      'send',
      'SALE_NEW',
      'contact.tag.added',
      '--to',
      url,
      '--secret-file',
      secretFile,
      '--seed',
      '9',
      '--count',
      '2',
      '--retry-delay',
      '5',
      '--log',
      log,
    ]);
    expect(result.code).toBe(0);
    expect(requests).toHaveLength(5);
    const sales = requests.filter((r) => r.headers['x-webhook-event'] === 'SALE_NEW');
    expect(sales).toHaveLength(3);
    for (const sale of sales) expect(verifySignature(sale.body, sale.headers['x-webhook-signature'] as string, SECRET)).toBe(true);
    expect(sales[0]!.headers['x-webhook-message-id']).toBe(sales[1]!.headers['x-webhook-message-id']);
    const automation = requests.filter((r) => r.headers['user-agent'] === 'Symfony');
    expect(automation).toHaveLength(2);
    expect(automation.every((r) => r.headers['x-webhook-signature'] === undefined)).toBe(true);
    const lines = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { attempt: number; status: number; trigger: string });
    expect(lines.map((l) => [l.trigger, l.attempt, l.status])).toEqual([
      ['SALE_NEW', 1, 503],
      ['SALE_NEW', 2, 200],
      ['contact.tag.added', 1, 200],
      ['SALE_NEW', 1, 200],
      ['contact.tag.added', 1, 200],
    ]);
    expect(result.stdout).toMatch(/^4 delivered, 0 failed, 5 attempts in \d+ ms\.$/m);
    expect(result.stdout).toMatch(new RegExp(`^✓ SALE_NEW ${MESSAGE_ID} 200 in \\d+ ms after 2 attempts \\(HTTP 503\\)$`, 'm'));
    for (const text of [result.stdout, result.stderr, readFileSync(log, 'utf8')]) expect(text).not.toContain(SECRET);
  });

  it('takes the secret from SYSTEME_MOCK_SECRET or --secret, and prints neither', async () => {
    const { url, requests } = await serve();
    const fromEnv = await runBin(['send', 'SALE_NEW', '--to', url], { SYSTEME_MOCK_SECRET: SECRET });
    const fromFlag = await runBin(['send', 'SALE_NEW', '--to', url, '--secret', `${SECRET}-flag`]);
    expect([fromEnv.code, fromFlag.code]).toEqual([0, 0]);
    expect(requests[0]!.headers['x-webhook-signature']).toBe(signPayload(requests[0]!.body, SECRET));
    expect(requests[1]!.headers['x-webhook-signature']).toBe(signPayload(requests[1]!.body, `${SECRET}-flag`));
    for (const text of [fromEnv.stdout, fromEnv.stderr, fromFlag.stdout, fromFlag.stderr]) expect(text).not.toContain(SECRET);
  });

  it('adds x-forwarded-for with --source-ip', async () => {
    const { url, requests } = await serve();
    await runBin(['send', 'SALE_NEW', '--to', url, '--secret-file', secretFile, '--source-ip', '--count', '2']);
    expect(requests.map((r) => headerPairs(r.rawHeaders)[12])).toEqual([
      ['x-forwarded-for', '185.236.142.1'],
      ['x-forwarded-for', '185.236.142.2'],
    ]);
  });
});

describe('send --from: replay', () => {
  it('sends generated NDJSON fixtures byte for byte, signed', async () => {
    const fixtures = join(dir, 'sales.ndjson');
    writeFileSync(fixtures, ndjson(['SALE_NEW'], 3));
    const lines = readFileSync(fixtures, 'utf8').trimEnd().split('\n');
    const { url, requests } = await serve();
    const result = await runBin(['send', 'SALE_NEW', '--from', fixtures, '--to', url, '--secret-file', secretFile]);
    expect(result.code).toBe(0);
    expect(requests.map((r) => r.body.toString())).toEqual(lines);
    for (const request of requests) expect(request.headers['x-webhook-signature']).toBe(signPayload(request.body, SECRET));
  });

  it('names automation triggers from each body', async () => {
    const fixtures = join(dir, 'mixed.ndjson');
    writeFileSync(fixtures, ndjson(['contact.tag.added', 'contact.optin.completed:blog-page'], 1));
    const { url, requests } = await serve();
    const result = await runBin(['send', '--from', fixtures, '--to', url]);
    expect(result.code).toBe(0);
    expect(requests.map((r) => (JSON.parse(r.body.toString()) as { type: string }).type)).toEqual([
      'contact.tag.added',
      'contact.optin.completed',
    ]);
    expect(result.stdout).toMatch(/^✓ contact\.optin\.completed:blog-page /m);
  });

  it('sends nothing when a line is malformed, and names the line', async () => {
    const fixtures = join(dir, 'broken.ndjson');
    const good = ndjson(['contact.tag.added'], 2);
    writeFileSync(fixtures, `${good}{"type":"contact.tag.added",\n`);
    const { url, requests } = await serve();
    const result = await runBin(['send', '--from', fixtures, '--to', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^systeme-mock: Failed to read --from ${fixtures} at line 3: not JSON \\(.+\\)\\. Nothing was sent; fix or remove the line\\.\\n$`,
      ),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('send --from a real capture whose keys come in another order', () => {
  const capture = fileURLToPath(new URL('../fixtures/capture-2026-contact-course-enrolled.ndjson', import.meta.url));

  it('is accepted by the inbox, which notes the order; --strict-order rejects it and exits 1', async () => {
    const lenient = await runBin(['send', '--from', capture]);
    expect(lenient.stderr).toBe('');
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(
      new RegExp(
        `\\n✓ contact\\.course\\.enrolled ${MESSAGE_ID} 200 in \\d+ ms — verified ✓ unsigned \\(automation dialect\\), body matches contact\\.course\\.enrolled \\[event timestamp .+; body \\$\\.data\\.contact: keys in another order than documented: \\[referred_by_contact_id, referred_by_contact_email, id, email, fields, ip\\], documented \\[id, email, fields, ip, referred_by_contact_id, referred_by_contact_email\\]\\]\\n`,
      ),
    );
    const strict = await runBin(['send', '--from', capture, '--strict-order', '--retries', '0']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /\n✗ contact\.course\.enrolled \S+ 400 in \d+ ms — verified ✗ body does not match contact\.course\.enrolled: \$\.data\.contact: expected keys \[id, email, fields, ip, referred_by_contact_id, referred_by_contact_email\] in this order, got \[referred_by_contact_id, referred_by_contact_email, id, email, fields, ip\] \[event timestamp .+\]\n/,
    );
  });

  it('refuses --strict-order with --to, which has no inbox to make strict', async () => {
    const result = await runBin(['send', '--from', capture, '--strict-order', '--to', 'http://127.0.0.1:9/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'systeme-mock: Failed to use --strict-order: it sets how the inbox started without --to checks bodies, and --to sends to your receiver. Drop --strict-order, or drop --to.\n',
    );
  });
});

describe.concurrent('send: bad input, one line and an exit code each', () => {
  it.each([
    [['send', 'SALE_NEWW'], 2, 'systeme-mock: Failed to find trigger "SALE_NEWW": it is not in the catalog. Did you mean "SALE_NEW"?\n'],
    [
      ['send', 'SALE_NEW', '--to', 'htp:/x'],
      2,
      'systeme-mock: Failed to parse --to "htp:/x": not an http(s) URL. Pass a URL like http://127.0.0.1:3000/webhooks.\n',
    ],
    [
      ['send', 'SALE_NEW', '--secret-file', '/nonexistent/secret'],
      2,
      'systeme-mock: Failed to read the secret file /nonexistent/secret: it does not exist. Pass a readable file to --secret-file.\n',
    ],
    [
      ['send', 'SALE_NEW', '--to', 'http://127.0.0.1:9/'],
      2,
      'systeme-mock: Failed to sign SALE_NEW for http://127.0.0.1:9/: no secret. Pass --secret-file FILE or set SYSTEME_MOCK_SECRET (or pass --unsigned to send it without x-webhook-signature).\n',
    ],
    [
      ['send', 'contact.tag.added', '--fault', 'bad-signature'],
      2,
      'systeme-mock: Failed to apply --fault bad-signature to contact.tag.added: the automation dialect is unsigned. Pick a webhooks trigger such as SALE_NEW, or one of the faults duplicate, stale-timestamp, pretty-body.\n',
    ],
    [
      ['send', 'SALE_NEW', '--timeout', 'soon'],
      2,
      'systeme-mock: Failed to read --timeout "soon": it is not a duration. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --timeout 10s.\n',
    ],
  ])('%j exits %i', async (args, code, stderr) => {
    const result = await runBin(args);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(code);
  });
});

describe('send: a receiver that fails', () => {
  it('an unreachable host: retries, then one line and exit 1', async () => {
    const stopped = await serve();
    await stopped.close();
    const { url } = stopped;
    const result = await runBin(['send', 'SALE_NEW', '--to', url, '--secret-file', secretFile, '--retries', '1', '--retry-delay', '5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `systeme-mock: Failed to deliver 1 of 1 event to ${url} after 2 attempts: connection refused (nothing listens there). Check that the receiver is running and the URL is right.\n`,
    );
    expect(result.stdout).toMatch(
      new RegExp(`^✗ SALE_NEW ${MESSAGE_ID} failed: ECONNREFUSED in \\d+ ms after 2 attempts \\(ECONNREFUSED\\)$`, 'm'),
    );
    expect(result.stdout).toMatch(/^0 delivered, 1 failed, 2 attempts in \d+ ms\.$/m);
  });

  it('a receiver that never answers: times out, then one line and exit 1', async () => {
    const { url, requests } = await serve(() => undefined);
    const result = await runBin(['send', 'SALE_NEW', '--to', url, '--secret-file', secretFile, '--timeout', '200', '--retries', '0']);
    expect(result.code).toBe(1);
    expect(requests).toHaveLength(1);
    expect(result.stderr).toBe(
      `systeme-mock: Failed to deliver 1 of 1 event to ${url}: no answer within 200 ms. Check the receiver, or raise --timeout.\n`,
    );
  });

  it('a receiver that rejects: no retry on 401, exit 1', async () => {
    const { url, requests } = await serve((_req, res) => res.writeHead(401).end());
    const result = await runBin(['send', 'SALE_NEW', '--to', url, '--secret-file', secretFile]);
    expect(result.code).toBe(1);
    expect(requests).toHaveLength(1);
    expect(result.stderr).toBe(
      `systeme-mock: Failed to deliver 1 of 1 event to ${url}: the receiver answered 401. Check that the receiver uses the same secret.\n`,
    );
  });
});

describe('send: Ctrl-C', () => {
  it('stops starting deliveries, lets the one in flight finish, logs every attempt, prints the summary, exits 130', async () => {
    let release: (() => void) | undefined;
    const { url, requests } = await serve((_req, res) => {
      release = () => res.end('ok');
    });
    const log = join(dir, 'interrupted.ndjson');
    const run = startBin(['send', 'SALE_NEW', '--count', '20', '--to', url, '--secret-file', secretFile, '--log', log]);
    await waitFor(() => requests.length === 1);
    run.child.kill('SIGINT');
    await waitFor(() => run.stderr().includes('Stopping'));
    release!();
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(requests).toHaveLength(1);
    expect(result.stderr).toBe(
      'systeme-mock: Stopping: no new deliveries; in-flight ones get 2 s to finish (Ctrl-C again to abort them now).\n',
    );
    expect(result.stdout).toMatch(/^Interrupted: 1 delivered, 0 failed, 1 attempt in \d+ ms\. 19 events not sent\.$/m);
    const lines = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: number; ok: boolean });
    expect(lines.map((l) => [l.status, l.ok])).toEqual([[200, true]]);
  });

  it('aborts a delivery that outlives the grace period and still logs the attempt', async () => {
    const { url, requests } = await serve(() => undefined);
    const log = join(dir, 'aborted.ndjson');
    const run = startBin([
      'send',
      'SALE_NEW',
      '--count',
      '5',
      '--to',
      url,
      '--secret-file',
      secretFile,
      '--log',
      log,
      '--timeout',
      '60000',
    ]);
    await waitFor(() => requests.length === 1);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(new RegExp(`^✗ SALE_NEW ${MESSAGE_ID} failed: ABORTED in \\d+ ms \\(interrupted\\)$`, 'm'));
    expect(result.stdout).toMatch(/^Interrupted: 0 delivered, 1 failed, 1 attempt in \d+ ms\. 4 events not sent\.$/m);
    const lines = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: number | null; error: string });
    expect(lines.map((l) => [l.status, l.error])).toEqual([[null, 'ABORTED']]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('Failed to see the condition in time.');
    await new Promise((r) => setTimeout(r, 10));
  }
}
