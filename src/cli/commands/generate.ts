import type { Argv } from 'yargs';
import { listTriggers } from '../../catalog/catalog.js';
import { UsageError } from '../../errors.js';
import { generateEvents } from '../../generate/generator.js';
import { parseRaise } from '../../journey/causal-rules.js';
import { generateJourneys } from '../../journey/generate-journeys.js';
import { resolveFixtureTarget, writeFixtures, type FixtureFormat } from '../../generate/write-fixtures.js';
import { parseWholeNumber } from '../../wire/parse-whole-number.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';
import { guardOutput, isClosedPipe } from '../guard-output.js';
import { sizeHeapForStreaming } from '../size-heap-for-streaming.js';
import { watchInterrupts } from '../watch-interrupts.js';
import { formatTriggerTable } from './list.js';

interface GenerateArgs {
  triggers: string[] | undefined;
  all: boolean;
  count: string | undefined;
  seed: string | undefined;
  now: string | undefined;
  index: string | undefined;
  format: FixtureFormat;
  out: string | undefined;
  set: string[] | undefined;
  pretty: boolean;
  templates: string | undefined;
  journey: string | undefined;
  raise: string | undefined;
}

/**
 * The highest event index `generate` makes. Event i falls about 9 s × i after --now, so index
 * 100,000,000 is ~28.5 years later: dates stay plausible and ATOM years stay four digits.
 */
export const MAX_EVENT_INDEX = 100_000_000;

export const generateCommand: CliCommand<GenerateArgs> = {
  command: 'generate [triggers..]',
  describe: 'Write webhook payloads, byte for byte as systeme.io sends them',
  builder: (yargs: Argv) =>
    yargs
      .positional('triggers', { type: 'string', array: true, describe: 'Trigger ids (see "list")' })
      .option('all', { type: 'boolean', default: false, describe: 'Every trigger of the catalog' })
      .option('count', { alias: 'n', type: 'string', describe: 'Events per trigger (default 1)' })
      .option('seed', { type: 'string', describe: 'Same seed, same bytes (default: random)' })
      .option('now', { type: 'string', describe: 'Time of event 0, ISO date (default: derived from the seed, else now)' })
      .option('index', {
        type: 'string',
        describe: `Index of the first event, 0 to ${MAX_EVENT_INDEX}: event i alone equals event i of a run`,
      })
      .option('format', {
        choices: ['ndjson', 'json'] as const,
        default: 'ndjson' as const,
        describe: 'ndjson: one wire body per line; json: an array',
      })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'A file, a folder (ends with / or exists: one file per trigger, or per event with json), or - for stdout',
      })
      .option('set', {
        type: 'string',
        array: true,
        describe: 'Override a value: --set data.customer.email=a@b.co (JSON where valid); repeatable',
      })
      .option('pretty', { type: 'boolean', default: false, describe: 'Indented JSON for reading (NOT what systeme.io sends)' })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' })
      .option('journey', { type: 'string', describe: 'Generate --count journeys (e.g. lead-to-buyer), interleaved in time order' })
      .option('raise', {
        type: 'string',
        describe: "With --journey: what each step raises, e.g. automation,webhooks (both dialects, the offer's tags and courses)",
      })
      .example('$0 generate SALE_NEW --count 50 --seed 7 --out test/fixtures/', 'Fifty reproducible SALE_NEW fixtures')
      .example('$0 generate --journey lead-to-buyer --count 100 --seed 7', 'A hundred leads through the funnel, in time order')
      .example('$0 generate customer.sale.completed --count 3 --seed 1', 'Three automation sales as NDJSON on stdout'),
  async run(args) {
    const catalogOptions = { templatesDir: args.templates };
    const requested = args.all ? listTriggers(catalogOptions).map((t) => t.id) : (args.triggers ?? []);
    if (args.journey !== undefined && requested.length > 0) {
      throw new UsageError(
        'Failed to generate: --journey and trigger ids exclude each other. A journey names its own triggers.',
        'BAD_OPTION',
      );
    }
    if (requested.length === 0 && args.journey === undefined) {
      process.stderr.write(formatTriggerTable(listTriggers(catalogOptions)));
      throw new UsageError(
        'Failed to generate: no trigger named. Name one or more ids from the list above, e.g. "systeme-mock generate SALE_NEW --count 3", or pass --all.',
        'NO_TRIGGER',
      );
    }
    if (args.triggers !== undefined && args.triggers.length > 0 && args.all) {
      throw new UsageError('Failed to generate: --all and trigger ids exclude each other. Pass one or the other.', 'BAD_OPTION');
    }
    const count = args.count === undefined ? 1 : parseWholeNumber(args.count, '--count');
    const startIndex =
      args.index === undefined
        ? 0
        : parseWholeNumber(args.index, '--index', {
            min: 0,
            max: MAX_EVENT_INDEX,
            example: 500,
            maxReason: 'event i is 9 s × i after --now, so dates would leave any plausible range',
          });
    if (startIndex + count - 1 > MAX_EVENT_INDEX) {
      throw new UsageError(
        `Failed to read --count ${count}${startIndex > 0 ? ` with --index ${startIndex}` : ''}: the last event's index, ${startIndex + count - 1}, is above ${MAX_EVENT_INDEX} (event i is 9 s × i after --now). Pass a smaller ${startIndex > 0 ? '--index or --count' : '--count'}.`,
        'BAD_NUMBER',
      );
    }
    if (args.out === '')
      throw new UsageError('Failed to read --out: it is empty. Pass a file, a folder ending in /, or - for stdout.', 'OUT');
    if (args.pretty) {
      process.stderr.write(
        'systeme-mock: --pretty is for reading: systeme.io sends compact bytes with \\/ and \\uXXXX escapes. Drop --pretty for fixtures.\n',
      );
    }
    if (args.raise !== undefined && args.journey === undefined)
      throw new UsageError('Failed to generate: --raise applies to --journey. Add --journey NAME or drop --raise.', 'BAD_OPTION');
    const raises = args.raise === undefined ? undefined : parseRaise(args.raise);
    // Memory flat in --count: a million events need no more heap than a hundred thousand.
    sizeHeapForStreaming();
    const runOptions = { count, startIndex, seed: args.seed, now: args.now, set: args.set, templatesDir: args.templates, raises };
    const events =
      args.journey === undefined
        ? generateEvents(requested, runOptions)
        : (function* (journeyEvents) {
            for (const item of journeyEvents) yield item.event;
          })(generateJourneys(args.journey, runOptions));
    const target = resolveFixtureTarget(args.out, process.stdout);
    // A closed pipe (`| head`) ends the run quietly, as Unix tools do; another stdout failure is reported.
    const output = target.kind === 'stream' ? guardOutput(process.stdout, () => undefined) : undefined;
    const interrupts = watchInterrupts();
    try {
      let result: Awaited<ReturnType<typeof writeFixtures>> | undefined;
      try {
        result = await writeFixtures(events, target, {
          format: args.format,
          pretty: args.pretty,
          shouldStop: () => interrupts.stop.aborted || output?.failure() !== undefined,
        });
      } catch (error) {
        // A write waiting for the pipe to drain fails with the pipe's error: the guard has it too.
        if (output?.failure() === undefined || error !== output.failure()) throw error;
        result = undefined;
      }
      const failure = output?.failure();
      if (failure !== undefined) {
        if (isClosedPipe(failure)) return EXIT.ok;
        process.stderr.write(`systeme-mock: Failed to write to stdout: ${failure.message}. Pass --out FILE, or check where stdout goes.\n`);
        return EXIT.failed;
      }
      if (result === undefined) throw new Error('Failed to write to stdout.');
      if (result.interrupted) {
        process.stderr.write(
          target.kind === 'stream'
            ? `systeme-mock: Interrupted after ${result.events} event(s).\n`
            : `systeme-mock: Interrupted: ${result.files.length} file(s) complete, no partial file left behind.\n`,
        );
        return interrupts.exitCode() ?? EXIT.failed;
      }
      if (target.kind !== 'stream') {
        process.stderr.write(
          `Wrote ${result.events} event(s) to ${result.files.length === 1 ? result.files[0] : `${result.files.length} files in ${target.path}`}.\n`,
        );
      }
      return EXIT.ok;
    } finally {
      interrupts.dispose();
      output?.dispose();
    }
  },
};
