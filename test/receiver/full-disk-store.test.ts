import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/index.js';
import { createInbox, type Inbox } from '../../src/receiver/create-inbox.js';
import { signPayload } from '../../src/signature/index.js';
import { startBin } from '../cli/send-listen-support.js';
import { postBody, type PostResult } from '../support/hostile-bodies.js';

const SECRET = 'whsec_full-disk-tests';
const ENOSPC = 'no space left on the device (ENOSPC)';

/**
 * A 64 KiB tmpfs of its own for each test: a real full disk, not a mocked write. Mounting needs root
 * (the tests run as root here and in CI); where it is refused the test fails and says so, never skips.
 */
let disk: string;
beforeEach(() => {
  disk = mkdtempSync(join(tmpdir(), 'systeme-mock-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { stdio: 'pipe' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `Failed to mount a 64k tmpfs at ${disk} for the full-disk tests: ${reason}. Run the tests as root (CI does), where "mount -t tmpfs" is allowed.`,
    );
  }
});
afterEach(() => {
  execFileSync('umount', [disk]);
  rmSync(disk, { recursive: true, force: true });
});

// One body for every delivery, so every store line has the same length but for the seq's digits: where
// the disk fills up does not depend on which delivery came first.
const BODY = generate('SALE_NEW', { seed: 21 }).body;

function headersFor(i: number): Record<string, string> {
  return {
    'x-webhook-event': 'SALE_NEW',
    'x-webhook-signature': signPayload(BODY, SECRET),
    'x-webhook-event-timestamp': new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
    'x-webhook-message-id': `0199a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`,
  };
}

/** Twenty deliveries at once, each on its own connection: a reset rejects, so every one must be answered. */
async function sendTwenty(url: string): Promise<PostResult[]> {
  const agent = new Agent({ keepAlive: false });
  try {
    return await Promise.all(Array.from({ length: 20 }, (_, i) => postBody(url, BODY, headersFor(i), agent)));
  } finally {
    agent.destroy();
  }
}

/** The seqs in the store, after checking that every line is whole JSON and the file ends with a newline. */
function storedSeqs(store: string): number[] {
  const text = readFileSync(store, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => (JSON.parse(line) as { seq: number }).seq);
}

describe('the inbox store on a full disk (issue 10, case 2)', () => {
  let inbox: Inbox | undefined;
  afterEach(async () => {
    await inbox?.close();
    inbox = undefined;
  });

  it('createInbox: every delivery verified and answered, one line for the failure, only whole lines stored, and storing resumes when space is freed', async () => {
    const filler = join(disk, 'filler');
    writeFileSync(filler, Buffer.alloc(40 * 1024));
    const store = join(disk, 'store.ndjson');
    const errors: string[] = [];
    inbox = await createInbox({ secrets: [SECRET], store, onError: (line) => errors.push(line) });

    const answers = await sendTwenty(inbox.url);
    expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(200));
    expect(inbox.deliveries.map((d) => d.reason)).toEqual(Array<string>(20).fill('signature valid, body matches SALE_NEW'));

    const seqs = storedSeqs(store);
    const firstUnstored = seqs.length + 1;
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(firstUnstored).toBeGreaterThan(1);
    expect(firstUnstored).toBeLessThan(20);
    expect(errors).toEqual([
      `Failed to store delivery #${firstUnstored} in ${store}: ${ENOSPC}. Deliveries are still checked and answered but not stored until a write succeeds; free space or pass another --store.`,
    ]);
    // The sender learns it too: the answer's notes say the delivery was not stored.
    const unstoredNote = `not stored in ${store}: ${ENOSPC}`;
    for (const delivery of inbox.deliveries) {
      expect(delivery.notes).toEqual(delivery.seq < firstUnstored ? [] : [unstoredNote]);
    }
    const replies = answers.map((a) => JSON.parse(a.body) as { notes: string[] });
    expect(replies.filter((reply) => reply.notes.includes(unstoredNote))).toHaveLength(20 - seqs.length);

    // Space freed: the next delivery is stored, and one line says which ones are missing.
    rmSync(filler);
    const more = await postBody(inbox.url, BODY, headersFor(20));
    expect(more.status).toBe(200);
    expect(JSON.parse(more.body).notes).toEqual([]);
    expect(storedSeqs(store)).toEqual([...seqs, 21]);
    expect(errors[1]).toBe(`Stored deliveries again from #21 on, in ${store}; #${firstUnstored} to #20 are not in it.`);
    expect(errors).toHaveLength(2);
  });

  it('listen --store: stays up, answers every sender, prints one clear line on stderr, and ends with its summary', async () => {
    writeFileSync(join(disk, 'filler'), Buffer.alloc(40 * 1024));
    const store = join(disk, 'store.ndjson');
    const bin = startBin(['listen', '--port', '0', '--store', store], { SYSTEME_MOCK_SECRET: SECRET });
    const out = await bin.waitForStdout(/Listening on (http:\/\/\S+\/)/);
    const url = /Listening on (http:\/\/\S+\/)/.exec(out)![1]!;
    let answers: PostResult[];
    try {
      answers = await sendTwenty(url);
      await bin.waitForStdout(/^#20 /m);
      expect(bin.child.exitCode).toBeNull();
    } finally {
      bin.child.kill('SIGINT');
    }
    const result = await bin.done;
    expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(200));
    expect(result.code).toBe(0);
    const seqs = storedSeqs(store);
    const firstUnstored = seqs.length + 1;
    expect(firstUnstored).toBeGreaterThan(1);
    expect(firstUnstored).toBeLessThan(20);
    expect(statSync(store).size).toBeLessThanOrEqual(64 * 1024);
    expect(result.stderr).toBe(
      `systeme-mock: Failed to store delivery #${firstUnstored} in ${store}: ${ENOSPC}. Deliveries are still checked and answered but not stored until a write succeeds; free space or pass another --store.\n`,
    );
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('Received 20 deliveries: 20 accepted, 0 rejected.');
    const deliveryLines = lines.filter((line) => line.startsWith('#'));
    expect(deliveryLines).toHaveLength(20);
    expect(
      deliveryLines.filter((line) => line.endsWith(` signature valid, body matches SALE_NEW [not stored in ${store}: ${ENOSPC}]`)),
    ).toHaveLength(20 - seqs.length);
  });
});
