import yargs from 'yargs';
import { SystemeMockError } from '../errors.js';
import type { CommandModule } from 'yargs';
import { suggestTriggers } from '../catalog/catalog.js';

// Each command loads only its own code: `list` needs no faker, `generate` no got or undici. Start-up
// was ~1 s on a busy 2-core machine when every command's imports loaded up front.
const COMMANDS: Readonly<Record<string, () => Promise<CommandModule<object, never>>>> = {
  list: async () => (await import('./commands/list.js')).listCommand as CommandModule<object, never>,
  generate: async () => (await import('./commands/generate.js')).generateCommand as CommandModule<object, never>,
  send: async () => (await import('./commands/send.js')).sendCommand as CommandModule<object, never>,
  fire: async () => (await import('./commands/fire.js')).fireCommand as CommandModule<object, never>,
  listen: async () => (await import('./commands/listen.js')).listenCommand as CommandModule<object, never>,
  report: async () => (await import('./commands/report.js')).reportCommand as CommandModule<object, never>,
};

/** The command named on the line, or all of them (for --help, or to let yargs report an unknown one). */
async function loadCommands(argv: readonly string[]): Promise<CommandModule<object, never>[]> {
  const named = argv.find((arg) => !arg.startsWith('-'));
  const names = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name]!()));
}

/** Writes a one-line error the way every command reports them. */
export function printError(message: string): void {
  process.stderr.write(`systeme-mock: ${message}\n`);
}

/** Runs the CLI and resolves to the exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let usageFailure: string | undefined;
  const named = argv.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && !(named in COMMANDS)) {
    const close = suggestTriggers(named, Object.keys(COMMANDS));
    const hint = close.length > 0 ? ` Did you mean "${close[0]!}"?` : '';
    printError(`Failed to find command "${named}".${hint} Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  const commands = await loadCommands(argv);
  const parser = yargs([...argv])
    .scriptName('systeme-mock')
    .usage('$0 <command> [options]\n\nPlays systeme.io for the people who integrate with it.')
    .command(commands)
    .demandCommand(1, 'Name a command: list, generate, send, fire or listen.')
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
