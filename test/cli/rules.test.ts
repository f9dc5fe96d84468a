import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../src/generate/index.js';
import { useRawServer } from '../delivery/raw-server.js';
import { BIN, runBin } from './send-listen-support.js';

// Issue 10 cases 3, 8, 11, 12, 13 and issue 11's "one set of rules": every option is read the same
// way by every command, and a bad one is refused before any work (no request, no file).

const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-rules-'));
const secretFile = join(dir, 'secret');
writeFileSync(secretFile, 'rules-secret-4b1c\n');
const serve = useRawServer();

describe('unknown options fail before any work, exit 2, with "did you mean" (issue 10 case 3)', () => {
  it('send --retires 0: no request reaches the receiver', async () => {
    const server = await serve((_req, res) => res.writeHead(503).end());
    const run = await runBin(['send', 'SALE_NEW', '--to', server.url, '--secret-file', secretFile, '--retires', '0']);
    expect(run.stderr).toBe(
      'systeme-mock: Failed to read --retires: it is not an option of "send". Did you mean --retries? Run "systeme-mock send --help" for the options.\n',
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(server.requests).toHaveLength(0);
  });

  it("fire --treshold 'p99<1ms': nothing fired, no report written", async () => {
    const server = await serve();
    const report = join(dir, 'treshold.json');
    const run = await runBin(['fire', 'SALE_NEW', '--to', server.url, '--count', '50', '--report', report, '--treshold', 'p99<1ms'], {
      SYSTEME_MOCK_SECRET: 's',
    });
    expect(run.stderr).toBe(
      'systeme-mock: Failed to read --treshold: it is not an option of "fire". Did you mean --threshold? Run "systeme-mock fire --help" for the options.\n',
    );
    expect(run.code).toBe(2);
    expect(server.requests).toHaveLength(0);
    expect(existsSync(report)).toBe(false);
  });

  it('generate --pertty: the file is not written', async () => {
    const out = join(dir, 'pertty.ndjson');
    const run = await runBin(['generate', 'SALE_NEW', '--out', out, '--pertty']);
    expect(run.stderr).toBe(
      'systeme-mock: Failed to read --pertty: it is not an option of "generate". Did you mean --pretty? Run "systeme-mock generate --help" for the options.\n',
    );
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('lists every unknown option, suggests for the first, and names none when nothing is close', async () => {
    const run = await runBin(['generate', 'SALE_NEW', '--cuont', '2', '--zzzzzzzz']);
    expect(run.stderr).toBe(
      'systeme-mock: Failed to read --cuont, --zzzzzzzz: they are not options of "generate". Did you mean --count? Run "systeme-mock generate --help" for the options.\n',
    );
    expect((await runBin(['list', '--qqqqqq'])).stderr).toBe(
      'systeme-mock: Failed to read --qqqqqq: it is not an option of "list". Run "systeme-mock list --help" for the options.\n',
    );
  });

  it('a word a command takes no positional for is refused the same way', async () => {
    expect(await runBin(['listen', 'extra', '--port', '0'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'systeme-mock: Failed to read extra: "listen" takes no such argument. Run "systeme-mock listen --help" for usage.\n',
    });
  });

  it('a single-valued option given twice is refused, not silently replaced', async () => {
    const run = await runBin(['generate', 'SALE_NEW', '--out', join(dir, 'a.ndjson'), '-o', join(dir, 'b.ndjson')]);
    expect(run).toMatchObject({ code: 2, stderr: 'systeme-mock: Failed to read --out: it is given 2 times. Pass it once.\n' });
    expect(existsSync(join(dir, 'a.ndjson')) || existsSync(join(dir, 'b.ndjson'))).toBe(false);
  });
});

describe("durations: one grammar for every option, capped at Node's timer limit (issue 10 case 8)", () => {
  it.each([
    [['--timeout', '3000000000'], '--timeout "3000000000"', '--timeout 10s'],
    [['--retry-delay', '3e9'], '--retry-delay "3e9"', '--retry-delay 1s'],
    [['--retry-max-delay', '25d'], null, null],
  ])('send %j is refused before any request', async (flag, shown, fix) => {
    const server = await serve();
    const run = await runBin(['send', 'SALE_NEW', '--to', server.url, '--secret-file', secretFile, ...flag]);
    expect(run.code).toBe(2);
    expect(server.requests).toHaveLength(0);
    expect(run.stderr).toBe(
      shown === null
        ? 'systeme-mock: Failed to read --retry-max-delay "25d": it is not a duration. Write it as 500ms, 30s, 5m or 1m30s (a bare number is milliseconds), e.g. --retry-max-delay 30s.\n'
        : `systeme-mock: Failed to read ${shown}: it is longer than 2147483647 ms (about 24.8 days), the longest wait Node's timers allow. Pass a shorter duration, e.g. ${fix}.\n`,
    );
  });

  it('fire refuses the same values with the same words', async () => {
    const server = await serve();
    const run = await runBin(['fire', 'SALE_NEW', '--to', server.url, '--count', '5', '--timeout', '3000000000'], {
      SYSTEME_MOCK_SECRET: 's',
    });
    expect(run.stderr).toBe(
      'systeme-mock: Failed to read --timeout "3000000000": it is longer than 2147483647 ms (about 24.8 days), the longest wait Node\'s timers allow. Pass a shorter duration, e.g. --timeout 10s.\n',
    );
    expect(run.code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it('send and fire read 250, 250ms and 0.25s alike: a bare number is milliseconds', async () => {
    // A receiver that never answers: each attempt ends at the timeout, which the log records.
    for (const timeout of ['250', '250ms', '0.25s']) {
      const server = await serve(() => undefined);
      const log = join(dir, `timeout-${timeout}.ndjson`);
      const run = await runBin([
        'send',
        'SALE_NEW',
        '--to',
        server.url,
        '--secret-file',
        secretFile,
        '--retries',
        '0',
        '--timeout',
        timeout,
        '--log',
        log,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `systeme-mock: Failed to deliver 1 of 1 event to ${server.url}: no answer within 250 ms. Check the receiver, or raise --timeout.\n`,
      );
      const [line] = readFileSync(log, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { error: string; durationMs: number });
      expect(line!.error).toBe('ETIMEDOUT');
      expect(line!.durationMs).toBeGreaterThanOrEqual(250);
      await server.close();
    }
  });
});

describe('--count, --secret and positionals read the same in every command', () => {
  it.each(['generate', 'send', 'fire'])('%s --count abc: the same message, exit 2', async (command) => {
    const target = command === 'generate' ? [] : ['--to', 'http://127.0.0.1:9/'];
    const run = await runBin([command, 'SALE_NEW', ...target, '--count', 'abc'], { SYSTEME_MOCK_SECRET: 's' });
    expect(run.stderr).toBe('systeme-mock: Failed to read --count "abc": expected a whole number from 1. Pass e.g. --count 3.\n');
    expect(run.code).toBe(2);
  });

  it.each(['send', 'fire'])('%s takes --secret-file as often as listen does, and refuses two secrets to sign with', async (command) => {
    const run = await runBin([
      command,
      'SALE_NEW',
      '--to',
      'http://127.0.0.1:9/',
      '--count',
      '1',
      '--secret-file',
      secretFile,
      '--secret-file',
      secretFile,
    ]);
    expect(run.stderr).toBe(
      'systeme-mock: Failed to pick a secret: more than one was given. Pass one --secret-file (or one --secret, or SYSTEME_MOCK_SECRET).\n',
    );
    expect(run.code).toBe(2);
  });

  it.each(['generate', 'send', 'fire'])('%s names its positional [triggers..]', async (command) => {
    const run = await runBin([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`systeme-mock ${command} [triggers..]`);
  });
});

describe('fire refuses to send unsigned webhooks silently, as send does', () => {
  it('SALE_NEW with no secret: exit 2, the same words as send, nothing sent', async () => {
    const server = await serve();
    const fire = await runBin(['fire', 'SALE_NEW', '--to', server.url, '--count', '3']);
    const send = await runBin(['send', 'SALE_NEW', '--to', server.url]);
    const message = `systeme-mock: Failed to sign SALE_NEW for ${server.url}: no secret. Pass --secret-file FILE or set SYSTEME_MOCK_SECRET (or pass --unsigned to send it without x-webhook-signature).\n`;
    expect(fire).toMatchObject({ code: 2, stdout: '', stderr: message });
    expect(send).toMatchObject({ code: 2, stdout: '', stderr: message });
    expect(server.requests).toHaveLength(0);
  });

  it('fires unsigned only when asked with --unsigned; automation triggers need no secret', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const run = await runBin(['fire', 'SALE_NEW', 'customer.sale.completed', '--to', server.url, '--count', '4', '--unsigned']);
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(4);
    expect(server.requests.every((r) => r.headers['x-webhook-signature'] === undefined)).toBe(true);
  });
});

describe('--out - is stdout; --out fails before work when it cannot write (issue 10 case 11)', () => {
  it.each([['--out', '-'], ['-o', '-'], ['--out=-']])('generate %s writes the bodies to stdout', async (...flag) => {
    const run = await runBin(['generate', 'SALE_NEW', '--count', '2', '--seed', '4', ...flag.filter((f) => f !== undefined)]);
    const expected = [...generateEvents(['SALE_NEW'], { count: 2, seed: 4 })].map((e) => `${e.body}\n`).join('');
    expect(run).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('a path under a regular file fails at once with one line, and leaves nothing', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    const run = await runBin(['generate', 'SALE_NEW', '--count', '300000', '--out', join(blocker, 'sub', 'out.ndjson')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `systeme-mock: Failed to create the folder for ${join(blocker, 'sub', 'out.ndjson')}: ENOTDIR: not a directory, mkdir '${join(blocker, 'sub')}'. Pass a writable --out.\n`,
    );
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it('a stdout that fails (a full device) ends with one line, exit 1', () => {
    const full = openSync('/dev/full', 'w');
    const result = spawnSync(process.execPath, [BIN, 'generate', 'SALE_NEW', '--count', '3000', '--out', '-'], {
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
    });
    closeSync(full);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'systeme-mock: Failed to write to stdout: ENOSPC: no space left on device, write. Pass --out FILE, or check where stdout goes.\n',
    );
  });

  it('an empty --out is refused', async () => {
    const run = await runBin(['generate', 'SALE_NEW', '--out=']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'systeme-mock: Failed to read --out: it is empty. Pass a file, a folder ending in /, or - for stdout.\n',
    });
  });
});

describe('--index keeps dates sane (issue 10 case 12)', () => {
  it('refuses 1e15 and anything past 100,000,000, naming the bound', async () => {
    const run = await runBin(['generate', 'SALE_NEW', '--index', '1e15']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'systeme-mock: Failed to read --index "1e15": it is above 100000000 (event i is 9 s × i after --now, so dates would leave any plausible range). Pass e.g. --index 500.\n',
    });
    const last = await runBin(['generate', 'SALE_NEW', '--index', '99999999', '--count', '3']);
    expect(last.stderr).toBe(
      "systeme-mock: Failed to read --count 3 with --index 99999999: the last event's index, 100000001, is above 100000000 (event i is 9 s × i after --now). Pass a smaller --index or --count.\n",
    );
    expect(last.code).toBe(2);
  });

  it('the highest index gives a date about 28.5 years after --now', async () => {
    const run = await runBin(['generate', 'SALE_NEW', '--index', '100000000', '--seed', '1', '--now', '2026-01-01T00:00:00Z']);
    expect(run.code).toBe(0);
    const createdAt = (JSON.parse(run.stdout) as { order: { createdAt: string } }).order.createdAt;
    expect(createdAt.slice(0, 4)).toBe('2054');
  });
});

describe('--secret on the command line warns once, never printing the secret (issue 10 case 13)', () => {
  it('prints one line naming --secret-file and SYSTEME_MOCK_SECRET, then works', async () => {
    const secret = 'visible-in-ps-9d2f';
    const run = await runBin(['send', 'SALE_NEW', '--secret', secret, '--seed', '1']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'systeme-mock: Warning: --secret puts the secret on the command line, where other users can read it (ps, /proc, shell history). Prefer --secret-file FILE or the SYSTEME_MOCK_SECRET environment variable.\n',
    );
    expect(run.stdout).toContain('signing with your secret');
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('says nothing with --secret-file or the environment', async () => {
    expect((await runBin(['send', 'SALE_NEW', '--secret-file', secretFile, '--seed', '1'])).stderr).toBe('');
    expect((await runBin(['send', 'SALE_NEW', '--seed', '1'], { SYSTEME_MOCK_SECRET: 'env-secret' })).stderr).toBe('');
  });
});

// Keeps the temp folder listing honest: no command above left a temp file behind.
describe('after the rules', () => {
  it('no temporary file is left in the test folder', () => {
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});
