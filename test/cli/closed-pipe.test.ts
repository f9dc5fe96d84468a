import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestReceiver, type TestReceiver } from '../load/support/start-test-receiver.js';
import { BIN } from './send-listen-support.js';

// Issue 10 case 6: `send --count 50 ... | head -1` printed an EPIPE stack trace, exited 1, and left
// 0 lines in the delivery log though the receiver got 3. Now the closed pipe stops the run quietly
// and the log has a line per attempt made.

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** Runs `systeme-mock ARGS | head -1` in bash; resolves to head's output, the CLI's stderr and exit code. */
function pipeToHead(args: string[], env: Record<string, string>): Promise<{ head: string; stderr: string; code: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-pipe-'));
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${quoted} 2>'${dir}/stderr' | head -1; echo "\${PIPESTATUS[0]}" > '${dir}/status'`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let head = '';
    child.stdout.on('data', (c: Buffer) => (head += c.toString()));
    child.on('close', () =>
      resolve({ head, stderr: readFileSync(join(dir, 'stderr'), 'utf8'), code: Number(readFileSync(join(dir, 'status'), 'utf8').trim()) }),
    );
  });
}

describe('a closed stdout (| head -1)', () => {
  it('send --count 50: ends quietly with exit 0, and the log has one line per attempt the receiver saw', async () => {
    receiver = await startTestReceiver();
    const log = join(mkdtempSync(join(tmpdir(), 'systeme-mock-pipe-log-')), 'attempts.ndjson');
    const result = await pipeToHead(['send', 'CONTACT_CREATED', '--count', '50', '--to', receiver.url, '--log', log], {
      SYSTEME_MOCK_SECRET: 'pipe-secret',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.head).toMatch(/^✓ CONTACT_CREATED [0-9a-f-]{36} 204 in \d+ ms\n$/);
    const lines = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { messageId: string });
    expect(lines.length).toBe(receiver.received.length);
    expect(lines.map((l) => l.messageId)).toEqual(receiver.received.map((r) => r.headers['x-webhook-message-id']));
  });

  it('generate to stdout: ends quietly with exit 0', async () => {
    const result = await pipeToHead(['generate', 'SALE_NEW', '--count', '100000', '--seed', '1'], {});
    expect(result).toMatchObject({ stderr: '', code: 0 });
    expect(result.head.split('\n')).toHaveLength(2);
  });

  it('fire: the summary is one write: the reader gets its first line, the run ends quietly; exit 0', async () => {
    receiver = await startTestReceiver();
    const result = await pipeToHead(
      ['fire', 'CONTACT_CREATED', '--to', receiver.url, '--rate', '200/s', '--count', '20', '--log', '/dev/null'],
      {
        SYSTEME_MOCK_SECRET: 'pipe-secret',
      },
    );
    expect(result).toEqual({ head: `systeme-mock fire -> ${receiver.url}\n`, stderr: '', code: 0 });
    expect(receiver.received).toHaveLength(20);
  });
});
