import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin, startBin, type RunningBin } from './send-listen-support.js';

const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-listen-cli-'));
const SECRET = 'listen-secret-4c2b8e';
const secretFile = join(dir, 'secret');
writeFileSync(secretFile, `${SECRET}\n`);
const MESSAGE_ID = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

let listener: RunningBin | undefined;
afterEach(() => {
  if (listener !== undefined && listener.child.exitCode === null) listener.child.kill('SIGKILL');
  listener = undefined;
});

async function listen(args: string[], env: Record<string, string> = {}): Promise<string> {
  listener = startBin(['listen', '--port', '0', ...args], env);
  const banner = await listener.waitForStdout(/Ctrl-C to stop\.\n/);
  return /Listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner)![1]!;
}

describe('listen in one terminal, send in another', () => {
  it('receives, verifies and prints one line per delivery; Ctrl-C prints a summary and exits 0', async () => {
    const store = join(dir, 'inbox.ndjson');
    const url = await listen(['--secret-file', secretFile, '--store', store]);
    expect(listener!.stdout()).toBe(`Listening on ${url} for both dialects, verifying signatures with 1 secret. Ctrl-C to stop.\n`);

    const good = await runBin(['send', 'SALE_NEW', '--to', url, '--secret-file', secretFile]);
    const automation = await runBin(['send', 'contact.course.enrolled', '--to', url]);
    const wrong = await runBin(['send', 'SALE_NEW', '--to', url, '--secret', 'not-the-secret', '--retries', '0']);
    expect([good.code, automation.code, wrong.code]).toEqual([0, 0, 1]);
    await listener!.waitForStdout('#3 ');
    listener!.child.kill('SIGINT');
    const result = await listener!.done;
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(new RegExp(`^#1 ✓ 200 SALE_NEW ${MESSAGE_ID} signature valid, body matches SALE_NEW$`));
    expect(lines[2]).toBe('#2 ✓ 200 contact.course.enrolled unsigned (automation dialect), body matches contact.course.enrolled');
    expect(lines[3]).toMatch(
      new RegExp(
        `^#3 ✗ 401 SALE_NEW ${MESSAGE_ID} signature mismatch: the body looks as systeme.io writes it, so the signature is wrong or was made with another secret$`,
      ),
    );
    expect(lines[4]).toBe('Received 3 deliveries: 2 accepted, 1 rejected.');
    const stored = readFileSync(store, 'utf8');
    expect(stored.trimEnd().split('\n')).toHaveLength(3);
    expect(stored + result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('takes the secret from SYSTEME_MOCK_SECRET, and says when it has none', async () => {
    const url = await listen([], { SYSTEME_MOCK_SECRET: SECRET });
    expect(listener!.stdout()).toContain('verifying signatures with 1 secret');
    const sent = await runBin(['send', 'SALE_NEW', '--to', url], { SYSTEME_MOCK_SECRET: SECRET });
    expect(sent.code).toBe(0);
    await listener!.waitForStdout('#1 ✓ 200 SALE_NEW');
    listener!.child.kill('SIGINT');
    await listener!.done;

    const open = await listen([]);
    expect(listener!.stdout()).toBe(
      `Listening on ${open} for both dialects, no secret, so signatures are not checked (pass --secret-file FILE or set SYSTEME_MOCK_SECRET). Ctrl-C to stop.\n`,
    );
    listener!.child.kill('SIGINT');
  });

  it('accepts a real capture whose keys come in another order, with a note; --strict-order rejects it', async () => {
    const capture = fileURLToPath(new URL('../fixtures/capture-2026-contact-course-enrolled.ndjson', import.meta.url));
    const lenientUrl = await listen([]);
    expect((await runBin(['send', '--from', capture, '--to', lenientUrl])).code).toBe(0);
    const accepted = await listener!.waitForStdout('#1 ');
    expect(accepted).toMatch(
      /\n#1 ✓ 200 contact\.course\.enrolled unsigned \(automation dialect\), body matches contact\.course\.enrolled \[event timestamp .+; body \$\.data\.contact: keys in another order than documented: \[referred_by_contact_id, referred_by_contact_email, id, email, fields, ip\], documented \[id, email, fields, ip, referred_by_contact_id, referred_by_contact_email\]\]\n/,
    );
    listener!.child.kill('SIGINT');
    await listener!.done;

    const strictUrl = await listen(['--strict-order']);
    expect((await runBin(['send', '--from', capture, '--to', strictUrl, '--retries', '0'])).code).toBe(1);
    const rejected = await listener!.waitForStdout('#1 ');
    expect(rejected).toContain(
      '\n#1 ✗ 400 contact.course.enrolled body does not match contact.course.enrolled: $.data.contact: expected keys [id, email, fields, ip, referred_by_contact_id, referred_by_contact_email] in this order, got [referred_by_contact_id, referred_by_contact_email, id, email, fields, ip]',
    );
    listener!.child.kill('SIGINT');
  });

  it('names a port in use and an unreadable secret file', async () => {
    const url = await listen([]);
    const port = new URL(url).port;
    const busy = await runBin(['listen', '--port', port]);
    expect(busy.stderr).toBe(
      `systeme-mock: Failed to start the inbox on 127.0.0.1:${port}: the port is in use. Pass another --port (0 picks a free one).\n`,
    );
    expect(busy.code).toBe(1);
    const missing = await runBin(['listen', '--secret-file', join(dir, 'missing')]);
    expect(missing.stderr).toBe(
      `systeme-mock: Failed to read the secret file ${join(dir, 'missing')}: it does not exist. Pass a readable file to --secret-file.\n`,
    );
    expect(missing.code).toBe(2);
  });
});
