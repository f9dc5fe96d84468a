import type { Argv } from 'yargs';

/**
 * A command of the CLI: yargs' description of its options, and `run`, which does the work and
 * returns the exit code (no command sets `process.exitCode` or calls `process.exit`).
 */
export interface CliCommand<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: string;
  readonly builder: (yargs: Argv) => Argv;
  run(args: A): Promise<number> | number;
}
