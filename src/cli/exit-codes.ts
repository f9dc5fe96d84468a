import { constants } from 'node:os';
import { SystemeMockError, TemplateError, UsageError } from '../errors.js';

/** Exit codes of the CLI, in one place (docs/cli.md lists them). Library errors carry codes, not these. */
export const EXIT = {
  /** Done as asked. */
  ok: 0,
  /** The run failed: a delivery failed, nothing succeeded, a write failed. */
  failed: 1,
  /** A bad command line or input, refused before any work. */
  usage: 2,
  /** A --threshold did not hold (k6's convention). */
  thresholds: 99,
} as const;

// Library errors about a path or template the user named are usage errors, as bad flags are.
const USAGE_CODES = new Set(['BAD_OUTPUT', 'LOG', 'STORE', 'TEMPLATE', 'OUT']);

/**
 * The exit code for an error that reached the CLI: 2 for anything the user can fix on the command
 * line, 1 otherwise.
 * @example exitCodeFor(new UsageError('Failed to ...')) // 2
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof TemplateError) return EXIT.usage;
  if (error instanceof SystemeMockError && USAGE_CODES.has(error.code)) return EXIT.usage;
  return EXIT.failed;
}

/**
 * 128 + the signal's number, as a shell reports a process a signal ended: SIGINT 130, SIGTERM 143,
 * SIGHUP 129. A supervisor sees which signal stopped the run, though the run ended in order.
 * @example exitCodeForSignal('SIGTERM') // 143
 */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 2);
}
