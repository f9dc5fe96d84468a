import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSecret, resolveSecrets } from '../../src/wire/resolve-secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'systeme-mock-secret-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('resolveSecrets', () => {
  it('reads a secret file, ignoring one trailing newline (LF or CRLF) only', () => {
    expect(resolveSecrets({ secretFiles: [file('a', 's3cret\n')] })).toEqual(['s3cret']);
    expect(resolveSecrets({ secretFiles: [file('b', 's3cret\r\n')] })).toEqual(['s3cret']);
    expect(resolveSecrets({ secretFiles: [file('c', ' s3cret \n\n')] })).toEqual([' s3cret \n']);
  });

  it('takes files, then flags; the environment only when no flag gives one', () => {
    const env = { SYSTEME_MOCK_SECRET: 'from-env' };
    expect(resolveSecrets({ env })).toEqual(['from-env']);
    expect(resolveSecrets({ secrets: ['flag'], secretFiles: [file('d', 'from-file')], env })).toEqual(['from-file', 'flag']);
    expect(resolveSecrets({ env: {} })).toEqual([]);
    expect(resolveSecrets({ env: { SYSTEME_MOCK_SECRET: '' } })).toEqual([]);
  });

  it('names an unreadable secret file without echoing its content', () => {
    expect(() => resolveSecrets({ secretFiles: [join(dir, 'missing')] })).toThrow(
      `Failed to read the secret file ${join(dir, 'missing')}: it does not exist. Pass a readable file to --secret-file.`,
    );
    expect(() => resolveSecrets({ secretFiles: [dir] })).toThrow(
      `Failed to read the secret file ${dir}: it is a directory. Pass a readable file to --secret-file.`,
    );
    expect(() => resolveSecrets({ secretFiles: [file('e', '\n')] })).toThrow(
      `Failed to read the secret file ${join(dir, 'e')}: it is empty. Put the webhook's secret in it, as set in systeme.io.`,
    );
  });
});

describe('resolveSecret', () => {
  it('refuses two secrets for one sender', () => {
    expect(() => resolveSecret({ secrets: ['a'], secretFiles: [file('g', 'b')] })).toThrow(
      'Failed to pick a secret: more than one was given. Pass one --secret-file (or one --secret, or SYSTEME_MOCK_SECRET).',
    );
    expect(resolveSecret({ env: {} })).toBeUndefined();
    expect(resolveSecret({ secrets: ['a'], env: { SYSTEME_MOCK_SECRET: 'b' } })).toBe('a');
  });
});
