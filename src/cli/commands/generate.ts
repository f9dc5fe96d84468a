import type { Argv, CommandModule } from 'yargs';
import { listTriggers } from '../../catalog/catalog.js';
import { UsageError } from '../../errors.js';
import { generateEvents } from '../../generate/generator.js';
import { generateJourneys } from '../../journey/generate-journeys.js';
import { resolveFixtureTarget, writeFixtures, type FixtureFormat } from '../../generate/write-fixtures.js';
import { formatTriggerTable } from './list.js';

interface GenerateArgs {
  triggers: string[] | undefined;
  all: boolean;
  count: number;
  seed: string | undefined;
  now: string | undefined;
  index: number;
  format: FixtureFormat;
  out: string | undefined;
  set: string[] | undefined;
  pretty: boolean;
  templates: string | undefined;
  journey: string | undefined;
}

/** Checks a whole number option and says how to fix it. */
export function requireWholeNumber(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`Failed to use --${name} ${String(value)}: expected a whole number from ${min}. Pass e.g. --${name} ${Math.max(min, 3)}.`, 'BAD_OPTION');
  }
  return value;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate [triggers..]',
  describe: 'Write webhook payloads, byte for byte as systeme.io sends them',
  builder: (yargs: Argv) =>
    yargs
      .positional('triggers', { type: 'string', array: true, describe: 'Trigger ids (see "list")' })
      .option('all', { type: 'boolean', default: false, describe: 'Every trigger of the catalog' })
      .option('count', { alias: 'n', type: 'number', default: 1, describe: 'Events per trigger' })
      .option('seed', { type: 'string', describe: 'Same seed, same bytes (default: random)' })
      .option('now', { type: 'string', describe: 'Time of event 0, ISO date (default: derived from the seed, else now)' })
      .option('index', { type: 'number', default: 0, describe: 'Index of the first event: event i alone equals event i of a run' })
      .option('format', { choices: ['ndjson', 'json'] as const, default: 'ndjson' as const, describe: 'ndjson: one wire body per line; json: an array' })
      .option('out', { alias: 'o', type: 'string', describe: 'A file, or a folder (ends with / or exists): one file per trigger (ndjson) or per event (json)' })
      .option('set', { type: 'string', array: true, describe: 'Override a value: --set data.customer.email=a@b.co (JSON where valid); repeatable' })
      .option('pretty', { type: 'boolean', default: false, describe: 'Indented JSON for reading (NOT what systeme.io sends)' })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' })
      .option('journey', { type: 'string', describe: 'Generate --count journeys (e.g. lead-to-buyer), interleaved in time order' })
      .example('$0 generate SALE_NEW --count 50 --seed 7 --out test/fixtures/', 'Fifty reproducible SALE_NEW fixtures')
      .example('$0 generate --journey lead-to-buyer --count 100 --seed 7', 'A hundred leads through the funnel, in time order')
      .example('$0 generate customer.sale.completed --count 3 --seed 1', 'Three automation sales as NDJSON on stdout') as unknown as Argv<GenerateArgs>,
  handler: async (args) => {
    const catalogOptions = { templatesDir: args.templates };
    const requested = args.all ? listTriggers(catalogOptions).map((t) => t.id) : (args.triggers ?? []);
    if (args.journey !== undefined && requested.length > 0) {
      throw new UsageError('Failed to generate: --journey and trigger ids exclude each other. A journey names its own triggers.', 'BAD_OPTION');
    }
    if (requested.length === 0 && args.journey === undefined) {
      process.stderr.write(formatTriggerTable(listTriggers(catalogOptions)));
      throw new UsageError('Failed to generate: no trigger named. Name one or more ids from the list above, e.g. "systeme-mock generate SALE_NEW --count 3", or pass --all.', 'NO_TRIGGER');
    }
    if (args.triggers !== undefined && args.triggers.length > 0 && args.all) {
      throw new UsageError('Failed to generate: --all and trigger ids exclude each other. Pass one or the other.', 'BAD_OPTION');
    }
    const count = requireWholeNumber('count', args.count, 1);
    const startIndex = requireWholeNumber('index', args.index, 0);
    if (args.pretty) {
      process.stderr.write('systeme-mock: --pretty is for reading: systeme.io sends compact bytes with \\/ and \\uXXXX escapes. Drop --pretty for fixtures.\n');
    }
    const runOptions = { count, startIndex, seed: args.seed, now: args.now, set: args.set, templatesDir: args.templates };
    const events =
      args.journey === undefined
        ? generateEvents(requested, runOptions)
        : (function* (journeyEvents) {
            for (const item of journeyEvents) yield item.event;
          })(generateJourneys(args.journey, runOptions));
    const target = resolveFixtureTarget(args.out, process.stdout);
    let interrupted = false;
    const onSigint = (): void => {
      interrupted = true;
    };
    process.on('SIGINT', onSigint);
    // A closed pipe (`| head`) ends the run quietly, as Unix tools do.
    const onPipeError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EPIPE') process.exit(0);
    };
    process.stdout.on('error', onPipeError);
    try {
      const result = await writeFixtures(events, target, { format: args.format, pretty: args.pretty, shouldStop: () => interrupted });
      if (result.interrupted) {
        process.stderr.write(
          target.kind === 'stream'
            ? `systeme-mock: Interrupted after ${result.events} event(s).\n`
            : `systeme-mock: Interrupted: ${result.files.length} file(s) complete, no partial file left behind.\n`,
        );
        process.exitCode = 130;
        return;
      }
      if (target.kind !== 'stream') {
        process.stderr.write(`Wrote ${result.events} event(s) to ${result.files.length === 1 ? result.files[0] : `${result.files.length} files in ${target.path}`}.\n`);
      }
    } finally {
      process.off('SIGINT', onSigint);
      process.stdout.off('error', onPipeError);
    }
  },
};
