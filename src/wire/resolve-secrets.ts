import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/** Where secrets can come from, most explicit first. */
export interface SecretSources {
  /** `--secret-file`: the file holds the secret; one trailing newline is ignored. */
  readonly secretFiles?: readonly string[] | undefined;
  /** `--secret`: visible to anyone who can list processes, prefer a file or the environment. */
  readonly secrets?: readonly string[] | undefined;
  /** The environment; `SYSTEME_MOCK_SECRET` is read when no flag gives a secret. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export const SECRET_ENV = 'SYSTEME_MOCK_SECRET';

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

function readSecretFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === 'string' ? (REASONS[code] ?? code) : 'unreadable';
    throw new UsageError(`Failed to read the secret file ${file}: ${reason}. Pass a readable file to --secret-file.`, 'BAD_SECRET', error);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret.length === 0) {
    throw new UsageError(
      `Failed to read the secret file ${file}: it is empty. Put the webhook's secret in it, as set in systeme.io.`,
      'BAD_SECRET',
    );
  }
  return secret;
}

/**
 * Every secret given, files first, then flags; the environment only when no flag gives one. The
 * receiver accepts a signature made with any of them (a secret rotation).
 * @example resolveSecrets({ secretFiles: ['.secret'], env: process.env }) // ['s3cret']
 */
export function resolveSecrets(sources: SecretSources): string[] {
  const found = [...(sources.secretFiles ?? []).map(readSecretFile), ...(sources.secrets ?? [])];
  for (const secret of found) {
    if (secret.length === 0)
      throw new UsageError("Failed to read --secret: it is empty. Pass the webhook's secret, as set in systeme.io.", 'BAD_SECRET');
  }
  if (found.length > 0) return found;
  const fromEnv = sources.env?.[SECRET_ENV];
  return fromEnv === undefined || fromEnv === '' ? [] : [fromEnv];
}

/**
 * The one secret a sender signs with, or undefined when none is given.
 * @example resolveSecret({ env: process.env })
 */
export function resolveSecret(sources: SecretSources): string | undefined {
  const given = (sources.secretFiles?.length ?? 0) + (sources.secrets?.length ?? 0);
  if (given > 1) {
    throw new UsageError(
      'Failed to pick a secret: more than one was given. Pass one --secret-file (or one --secret, or SYSTEME_MOCK_SECRET).',
      'BAD_SECRET',
    );
  }
  return resolveSecrets(sources)[0];
}
