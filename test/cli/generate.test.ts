import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TRIGGERS } from '../../src/catalog/triggers.js';
import { generateEvents } from '../../src/generate/generator.js';
import { runCli, startCli } from '../support/cli.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'systeme-mock-cli-'));

describe('systeme-mock list', () => {
  it('prints a table of every trigger', () => {
    const result = runCli(['list']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+DIALECT\s+SCHEMA\s+DESCRIPTION$/);
    expect(lines).toHaveLength(18);
    expect(lines[16]).toMatch(/^SALE_NEW\s+webhooks\s+v2\s+A new sale \(schema 2\)\.$/);
  });

  it('prints JSON with --json', () => {
    const rows = JSON.parse(runCli(['list', '--json']).stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(17);
    expect(rows[1]).toEqual({
      id: 'contact.optin.completed:blog-page',
      dialect: 'automation',
      wireName: 'contact.optin.completed',
      variant: 'blog-page',
      schemaVersion: null,
      description: 'A contact subscribed through a blog page form.',
    });
  });
});

describe('systeme-mock generate', () => {
  it('writes NDJSON lines that are exactly the wire bodies', () => {
    const result = runCli(['generate', 'customer.sale.completed', '--count', '3', '--seed', '1']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const expected = [...generateEvents(['customer.sale.completed'], { count: 3, seed: 1 })].map((e) => e.body + '\n').join('');
    expect(result.stdout).toBe(expected);
  });

  it('suggests the closest trigger on a typo, exit 2', () => {
    const result = runCli(['generate', 'SALE_NWE']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('systeme-mock: Failed to find trigger "SALE_NWE": it is not in the catalog. Did you mean "SALE_NEW"?\n');
  });

  it('names both variants when a wire name has two', () => {
    expect(runCli(['generate', 'contact.optin.completed']).stderr).toBe(
      'systeme-mock: Failed to find trigger "contact.optin.completed": it is not in the catalog. Did you mean "contact.optin.completed:funnel-step" or "contact.optin.completed:blog-page"?\n',
    );
  });

  it('prints the list and a hint with no trigger, exit 2', () => {
    const result = runCli(['generate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SALE_CANCELED');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'systeme-mock: Failed to generate: no trigger named. Name one or more ids from the list above, e.g. "systeme-mock generate SALE_NEW --count 3", or pass --all.',
    );
  });

  it('rejects malformed options with one line and exit 2', () => {
    expect(runCli(['generate', 'SALE_NEW', '--count', '0'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'systeme-mock: Failed to read --count "0": expected a whole number from 1. Pass e.g. --count 3.\n',
    });
    expect(runCli(['generate', 'SALE_NEW', '--now', 'yesterday']).stderr).toBe(
      'systeme-mock: Failed to parse --now "yesterday": not a date. Pass an ISO date like 2026-01-15T09:30:00Z.\n',
    );
    const format = runCli(['generate', 'SALE_NEW', '--format', 'xml']);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(
      /^systeme-mock: Invalid values: .*Argument: format, Given: "xml", Choices: "ndjson", "json".* Run "systeme-mock generate --help" for usage\.\n$/,
    );
    expect(runCli(['generate', 'SALE_NEW', '--set', 'customer.nope=1']).stderr).toBe(
      'systeme-mock: Failed to apply override customer.nope: SALE_NEW has no such path. Valid paths near it: customer.id, customer.clientIp, customer.contactId, customer.email, customer.fields, customer.paymentProcessor, customer.sourceUrl.\n',
    );
  });

  it('regenerates event i alone with --index', () => {
    const run = runCli(['generate', 'SALE_NEW', '--count', '6', '--seed', '8']).stdout.split('\n');
    const alone = runCli(['generate', 'SALE_NEW', '--index', '5', '--seed', '8']).stdout;
    expect(alone).toBe(run[5] + '\n');
  });

  it('writes a JSON array with --format json', () => {
    const out = runCli(['generate', 'CONTACT_CREATED', 'SALE_NEW', '--count', '2', '--seed', '3', '--format', 'json']).stdout;
    const bodies = [...generateEvents(['CONTACT_CREATED', 'SALE_NEW'], { count: 2, seed: 3 })].map((e) => e.body);
    expect(out).toBe(`[${bodies.join(',')}]\n`);
  });

  it('writes one file per event into a folder with --format json, each exactly the body', () => {
    const dir = tempDir();
    const result = runCli(['generate', 'SALE_NEW', '--count', '3', '--seed', '7', '--format', 'json', '--out', dir + '/']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`Wrote 3 event(s) to 3 files in ${dir}/.\n`);
    expect(readdirSync(dir).sort()).toEqual(['SALE_NEW.0.json', 'SALE_NEW.1.json', 'SALE_NEW.2.json']);
    const second = [...generateEvents(['SALE_NEW'], { count: 3, seed: 7 })][1]!.body;
    expect(readFileSync(join(dir, 'SALE_NEW.1.json'), 'latin1')).toBe(second);
  });

  it('writes one NDJSON file per trigger into a folder, file-system-safe names', () => {
    const dir = tempDir();
    runCli(['generate', '--all', '--count', '2', '--seed', '1', '--out', dir]);
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(BUILT_IN_TRIGGERS.length);
    expect(files).toContain('contact.optin.completed.blog-page.ndjson');
    expect(readFileSync(join(dir, 'SALE_NEW.ndjson'), 'utf8').split('\n')).toHaveLength(3);
  });

  it('marks --pretty output as not what systeme.io sends', () => {
    const result = runCli(['generate', 'SALE_NEW', '--seed', '1', '--pretty']);
    expect(result.stderr).toBe(
      'systeme-mock: --pretty is for reading: systeme.io sends compact bytes with \\/ and \\uXXXX escapes. Drop --pretty for fixtures.\n',
    );
    expect(result.stdout.startsWith('{\n  "customer": {\n')).toBe(true);
  });

  it('leaves no partial file when interrupted with Ctrl-C, exit 130', async () => {
    const dir = tempDir();
    const out = join(dir, 'big.ndjson');
    const child = startCli(['generate', 'SALE_NEW', '--count', '5000000', '--seed', '1', '--out', out]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Wait until the temporary file exists, so the run is mid-write.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).length > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toBe('systeme-mock: Interrupted: 0 file(s) complete, no partial file left behind.\n');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
