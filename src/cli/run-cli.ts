import yargs from 'yargs';
import { SystemeMockError } from '../errors.js';
import { fireCommand } from './commands/fire.js';
import { generateCommand } from './commands/generate.js';
import { listCommand } from './commands/list.js';
import { listenCommand } from './commands/listen.js';
import { sendCommand } from './commands/send.js';

/** Writes a one-line error the way every command reports them. */
export function printError(message: string): void {
  process.stderr.write(`systeme-mock: ${message}\n`);
}

/** Runs the CLI and resolves to the exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let usageFailure: string | undefined;
  const parser = yargs([...argv])
    .scriptName('systeme-mock')
    .usage('$0 <command> [options]\n\nPlays systeme.io for the people who integrate with it.')
    .command(listCommand)
    .command(generateCommand)
    .command(sendCommand)
    .command(fireCommand)
    .command(listenCommand)
    .demandCommand(1, 'Name a command: list, generate, send, fire or listen. Run "systeme-mock --help" for the list.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message: string | null, error: Error | undefined) => {
      if (error) throw error;
      usageFailure = message ?? 'Invalid usage. Run "systeme-mock --help".';
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof SystemeMockError) {
      printError(error.message);
      return error.exitCode;
    }
    printError(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (usageFailure !== undefined) {
    printError(`${usageFailure.replace(/\n+/g, ' ')} Run "systeme-mock --help" for usage.`);
    return 2;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
