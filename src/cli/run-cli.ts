import yargs from 'yargs';
import type { Argv, CommandModule } from 'yargs';
import { suggestTriggers } from '../catalog/catalog.js';
import { SystemeMockError, UsageError } from '../errors.js';
import type { CliCommand } from './cli-command.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { findUnknownOptions } from './find-unknown-options.js';

// Each command loads only its own code: `list` needs no faker, `generate` no got or undici. Start-up
// was ~1 s on a busy 2-core machine when every command's imports loaded up front.
const COMMANDS: Readonly<Record<string, () => Promise<CliCommand<never>>>> = {
  list: async () => (await import('./commands/list.js')).listCommand,
  generate: async () => (await import('./commands/generate.js')).generateCommand,
  send: async () => (await import('./commands/send.js')).sendCommand,
  fire: async () => (await import('./commands/fire.js')).fireCommand,
  listen: async () => (await import('./commands/listen.js')).listenCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  template: async () => (await import('./commands/template.js')).templateCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
};

/** The command named on the line, or all of them (for --help, or to let yargs report an unknown one). */
async function loadCommands(named: string | undefined): Promise<Array<CliCommand<never>>> {
  const names = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name]!()));
}

/** Writes a one-line error the way every command reports them. */
export function printError(message: string): void {
  process.stderr.write(`systeme-mock: ${message}\n`);
}

/**
 * yargs reads `--out -` as `--out ''` and leaves the `-` behind ("-" looks like a flag to it), so a
 * lone `-` after an option that takes a file is joined to it: `--out=-` means stdout.
 */
function keepDashValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      joined.push(...argv.slice(i));
      break;
    }
    if ((arg === '--out' || arg === '-o') && argv[i + 1] === '-') {
      joined.push('--out=-');
      i++;
    } else joined.push(arg);
  }
  return joined;
}

const SECRET_WARNING =
  'systeme-mock: Warning: --secret puts the secret on the command line, where other users can read it (ps, /proc, shell history). Prefer --secret-file FILE or the SYSTEME_MOCK_SECRET environment variable.\n';

/** Runs the CLI and resolves to the exit code; errors become one line on stderr. */
export async function runCli(rawArgv: readonly string[]): Promise<number> {
  const argv = keepDashValues(rawArgv);
  const named = argv.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && !(named in COMMANDS)) {
    const close = suggestTriggers(named, Object.keys(COMMANDS));
    const hint = close.length > 0 ? ` Did you mean "${close[0]!}"?` : '';
    printError(`Failed to find command "${named}".${hint} Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return EXIT.usage;
  }
  const commands = await loadCommands(named);
  let exitCode: number = EXIT.ok;
  const modules: CommandModule[] = commands.map((command) => ({
    command: command.command,
    describe: command.describe,
    builder: command.builder,
    handler: async (args) => {
      exitCode = await command.run(args as never);
    },
  }));
  const parser: Argv = yargs([...argv])
    .scriptName('systeme-mock')
    // The messages this file reads (and the tests assert) are yargs' English ones, whatever LANG says.
    .locale('en')
    .usage('$0 <command> [options]\n\nPlays systeme.io for the people who integrate with it.')
    .command(modules)
    .demandCommand(1, 'Name a command: list, generate, send, fire, listen, validate or template.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .middleware((args) => {
      // A single-valued option given twice becomes an array in yargs; the last one silently winning
      // (or a crash further on) is worse than saying so.
      const options = optionsOf(parser);
      const arrays = new Set(options.array);
      for (const key of [...options.string, ...options.number]) {
        const value = args[key];
        if (Array.isArray(value) && !arrays.has(key) && key.length > 1) {
          throw new UsageError(`Failed to read --${key}: it is given ${value.length} times. Pass it once.`, 'BAD_OPTION');
        }
      }
      if (args['secret'] !== undefined) process.stderr.write(SECRET_WARNING);
    })
    // Throwing is what stops yargs: a fail handler that returns lets it run the command anyway.
    .fail((message: string | null, error: Error | undefined) => {
      if (error) throw error;
      throw usageFailure(message ?? 'Invalid usage.', argv, named, parser);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    printError(
      error instanceof SystemeMockError ? error.message : `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    );
    return exitCodeFor(error);
  }
  return exitCode;
}

/** What yargs knows of the current command's options (public at runtime, missing from its types). */
function optionsOf(parser: Argv): { key: Record<string, unknown>; array: string[]; string: string[]; number: string[] } {
  return (parser as unknown as { getOptions(): ReturnType<typeof optionsOf> }).getOptions();
}

function usageFailure(message: string, argv: readonly string[], named: string | undefined, parser: Argv): UsageError {
  const help = named === undefined ? 'systeme-mock --help' : `systeme-mock ${named} --help`;
  if (message.startsWith('Unknown argument')) {
    const { key } = optionsOf(parser);
    const unknown = findUnknownOptions(argv, Object.keys(key));
    if (unknown.length > 0) {
      const first = unknown[0]!;
      const where = named === undefined ? 'systeme-mock' : `"${named}"`;
      const list = unknown.map((u) => u.flag).join(', ');
      const hint = first.suggestions.length > 0 ? ` Did you mean ${first.suggestions[0]!}?` : '';
      const what = unknown.length === 1 ? 'it is not an option of' : 'they are not options of';
      return new UsageError(`Failed to read ${list}: ${what} ${where}.${hint} Run "${help}" for the options.`, 'UNKNOWN_OPTION');
    }
    // Not an option: a word the command takes no positional for (`listen extra`).
    const words = message.replace(/^Unknown arguments?:\s*/, '');
    const where = named === undefined ? 'systeme-mock' : `"${named}"`;
    return new UsageError(`Failed to read ${words}: ${where} takes no such argument. Run "${help}" for usage.`, 'UNKNOWN_ARGUMENT');
  }
  return new UsageError(`${message.replace(/\n+/g, ' ')} Run "${help}" for usage.`, 'USAGE');
}
