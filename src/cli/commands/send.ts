import { randomBytes } from 'node:crypto';
import type { Argv } from 'yargs';
import { getTrigger } from '../../catalog/catalog.js';
import { reserializeJson } from '../../delivery/apply-faults.js';
import { assertDeliverable, type DeliverableEvent } from '../../delivery/deliver-event.js';
import { createDeliveryLog, type DeliveryLog } from '../../wire/delivery-log.js';
import { describeSendFailure, formatDeliveryLine, formatSendSummary } from '../../delivery/format-send-report.js';
import { normalizeSendOptions } from '../../delivery/normalize-send-options.js';
import { readFixtureFile } from '../../delivery/read-fixture-file.js';
import { resolveSecret } from '../../wire/resolve-secrets.js';
import { sendEvents } from '../../delivery/send-events.js';
import { computeDeliveryGaps } from '../../wire/uuid-v7.js';
import { DeliveryError, UsageError } from '../../errors.js';
import { createGenerator } from '../../generate/generator.js';
import { createInbox, type Inbox } from '../../receiver/create-inbox.js';
import { listJourneyTriggers, parseRaise } from '../../journey/causal-rules.js';
import { generateJourneys } from '../../journey/generate-journeys.js';
import { loadJourney } from '../../journey/load-journey.js';
import { paceJourneyEvents, parseSpeed } from '../../journey/pace-journey.js';
import { parseWholeNumber } from '../../wire/parse-whole-number.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';
import { guardOutput, isClosedPipe, type GuardedOutput } from '../guard-output.js';
import { watchInterrupts } from '../watch-interrupts.js';

interface SendArgs {
  triggers: string[] | undefined;
  to: string | undefined;
  count: string | undefined;
  seed: string | undefined;
  set: string[] | undefined;
  from: string | undefined;
  timeout: string | undefined;
  retries: string | undefined;
  'retry-delay': string | undefined;
  'retry-max-delay': string | undefined;
  success: string | undefined;
  fault: string[] | undefined;
  'source-ip': boolean;
  unsigned: boolean;
  'secret-file': string[] | undefined;
  secret: string[] | undefined;
  log: string | undefined;
  templates: string | undefined;
  'strict-order': boolean;
  journey: string | undefined;
  raise: string | undefined;
  speed: string | undefined;
  wait: boolean;
}

/** How long deliveries in flight may finish after Ctrl-C before they are aborted. */
const GRACE_MS = 2000;

type SendSource = {
  events: Iterable<DeliverableEvent> | AsyncIterable<DeliverableEvent>;
  total: number | undefined;
  triggers: Array<Pick<DeliverableEvent['trigger'], 'id' | 'dialect'>>;
};

/** `send --journey`: the journeys' events in time order, the waits between them scaled by --speed. */
function buildJourneyEvents(args: SendArgs, journey: string, stopSignal: AbortSignal): SendSource {
  if ((args.triggers?.length ?? 0) > 0 || args.from !== undefined) {
    throw new UsageError('Failed to send --journey: trigger ids and --from exclude it. A journey names its own triggers.', 'BAD_OPTION');
  }
  if (!args.wait && args.speed !== undefined)
    throw new UsageError('Failed to send --journey: --speed and --no-wait exclude each other. Pass one.', 'BAD_OPTION');
  const speed = parseSpeed(args.speed ?? '1x');
  const count = args.count === undefined ? 1 : parseWholeNumber(args.count, '--count');
  const raises = args.raise === undefined ? undefined : parseRaise(args.raise);
  // With waits, the journeys' clock starts now and runs --speed times faster, so each event is dated when it
  // is sent; --no-wait keeps the journeys' own clock (seeded dates) and sends every step at once, in order.
  const journeys = generateJourneys(journey, {
    count,
    seed: args.seed,
    now: args.wait ? new Date() : undefined,
    speed,
    set: args.set,
    templatesDir: args.templates,
    raises,
  });
  const steps = loadJourney(journey, { templatesDir: args.templates }).steps;
  return {
    total: undefined,
    triggers: listJourneyTriggers(steps, raises),
    events: (async function* () {
      let position = 0;
      for await (const item of paceJourneyEvents(journeys, { wait: args.wait, signal: stopSignal })) {
        yield { trigger: item.event.trigger, body: item.event.body, eventTime: item.event.eventTime, index: position++ };
      }
    })(),
  };
}

function buildEvents(args: SendArgs): SendSource {
  const named = args.triggers ?? [];
  if (args.from !== undefined) {
    if (args.count !== undefined || args.seed !== undefined || (args.set?.length ?? 0) > 0) {
      throw new UsageError(
        'Failed to replay --from: --count, --seed and --set apply to generated events, not to fixtures. Drop them, or drop --from.',
        'BAD_OPTION',
      );
    }
    if (named.length > 1) {
      throw new UsageError(
        `Failed to replay --from ${args.from}: name at most one trigger for its bodies, got ${named.length}. Pass e.g. send SALE_NEW --from ${args.from}.`,
        'BAD_OPTION',
      );
    }
    const trigger = named[0] === undefined ? undefined : getTrigger(named[0], { templatesDir: args.templates });
    const lines = readFixtureFile(args.from, { trigger });
    return {
      total: lines.length,
      triggers: lines.map((l) => l.trigger),
      events: (function* () {
        // The event time is when the replayed event is sent: the fixture's own dates stay in its bytes.
        for (const [index, line] of lines.entries())
          yield { trigger: line.trigger, body: line.body, eventTime: new Date(Date.now() - leadMs(index)), index };
      })(),
    };
  }
  if (named.length === 0) {
    throw new UsageError(
      'Failed to send: no trigger named. Name one or more, e.g. "systeme-mock send SALE_NEW", or replay fixtures with --from FILE. Run "systeme-mock list" for the ids.',
      'NO_TRIGGER',
    );
  }
  const count = args.count === undefined ? 1 : parseWholeNumber(args.count, '--count');
  const generator = createGenerator({ seed: args.seed, set: args.set, templatesDir: args.templates });
  const triggers = named.map((id) => generator.trigger(id));
  return {
    total: count * named.length,
    triggers,
    events: (function* () {
      let position = 0;
      for (let index = 0; index < count; index++) {
        for (const id of named) {
          // Fresh timestamps: each event happens as it is sent, so receivers see a current event time.
          const event = generator.event(id, index, { at: new Date(Date.now() - leadMs(position)) });
          yield { trigger: event.trigger, body: event.body, eventTime: event.eventTime, index: position++ };
        }
      }
    })(),
  };
}

/** An event happens a little before its delivery goes out: its message, then the attempt, follow it. */
function leadMs(position: number): number {
  const gaps = computeDeliveryGaps(position);
  return gaps.eventToMessageMs + gaps.messageToAttemptMs;
}

/** Says so when `reserialized-body` cannot show: some bodies have nothing JSON.stringify changes. */
async function* warnIneffectiveFaults(
  events: Iterable<DeliverableEvent> | AsyncIterable<DeliverableEvent>,
  faults: readonly string[],
): AsyncGenerator<DeliverableEvent> {
  for await (const event of events) {
    if (faults.includes('reserialized-body') && reserializeJson(event.body) === event.body.toString()) {
      process.stderr.write(
        `systeme-mock: --fault reserialized-body changes nothing in ${event.trigger.id} event ${event.index ?? 0}: its body has no "\\/", no "\\u" escape and no x.0 float, so this delivery is genuine.\n`,
      );
    }
    yield event;
  }
}

export const sendCommand: CliCommand<SendArgs> = {
  command: 'send [triggers..]',
  describe: 'Sign and send deliveries as systeme.io does; with no --to, to an inbox started for the run',
  builder: (yargs: Argv) =>
    yargs
      .positional('triggers', { type: 'string', array: true, describe: 'Trigger ids (see "list")' })
      .option('to', { type: 'string', describe: 'The receiver URL (default: an inbox on a free local port, stopped after the run)' })
      .option('count', { alias: 'n', type: 'string', describe: 'Events per trigger (default 1)' })
      .option('seed', { type: 'string', describe: 'Same seed, same payloads (timestamps are the send time)' })
      .option('set', { type: 'string', array: true, describe: 'Override a value: --set customer.email=a@b.co; repeatable' })
      .option('from', { type: 'string', describe: 'Replay an NDJSON fixture file, one body per line, byte for byte' })
      .option('secret-file', { type: 'string', array: true, describe: 'A file holding the webhook secret (else SYSTEME_MOCK_SECRET)' })
      .option('secret', { type: 'string', array: true, describe: 'The webhook secret: visible in the process list, prefer --secret-file' })
      .option('unsigned', {
        type: 'boolean',
        default: false,
        describe: 'Send webhooks-dialect deliveries without a signature when no secret is given',
      })
      .option('timeout', { type: 'string', describe: "Per-attempt timeout: 10s, 500ms, or ms (default 10s; systeme.io's is unknown)" })
      .option('retries', { type: 'string', describe: "Retries after the first attempt (default 3; systeme.io's are unknown)" })
      .option('retry-delay', { type: 'string', describe: 'Wait before the first retry, doubled each time: 1s, 250ms, or ms (default 1s)' })
      .option('retry-max-delay', { type: 'string', describe: 'Longest wait, also caps Retry-After: 30s, or ms (default 30s)' })
      .option('success', { type: 'string', describe: 'Status codes that count as delivered (default 200-299)' })
      .option('fault', {
        type: 'string',
        array: true,
        describe:
          'Inject a receiver fault: bad-signature, wrong-secret, missing-signature, reserialized-body, duplicate, stale-timestamp, pretty-body',
      })
      .option('source-ip', {
        type: 'boolean',
        default: false,
        describe: "Add x-forwarded-for with one of systeme.io's addresses (a simulation)",
      })
      .option('log', { type: 'string', describe: 'Append one NDJSON line per attempt to this file' })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' })
      .option('strict-order', {
        type: 'boolean',
        default: false,
        describe:
          'The inbox started without --to rejects bodies whose keys come in another order than documented (default: accepted with a note)',
      })
      .option('journey', { type: 'string', describe: 'Send --count journeys (e.g. refund) in order, waiting between steps' })
      .option('raise', {
        type: 'string',
        describe: "With --journey: what each step raises, e.g. automation,webhooks (both dialects, the offer's tags and courses)",
      })
      .option('speed', { type: 'string', describe: 'With --journey: how much faster than real time, e.g. 3600x (default 1x)' })
      .option('wait', { type: 'boolean', default: true, describe: 'With --journey: --no-wait sends every step at once, in order' })
      .example('$0 send SALE_NEW --count 3 --seed 1', 'Three signed sales to a throwaway local inbox, verified')
      .example('$0 send --journey refund --speed 86400x', 'A sale, then its refund a few seconds later (days in the journey)')
      .example('$0 send SALE_NEW --to http://127.0.0.1:3000/webhooks --secret-file .secret', 'One signed sale to your receiver')
      .example('$0 send SALE_NEW --from fixtures/SALE_NEW.ndjson --to http://127.0.0.1:3000/webhooks', 'Replay fixtures byte for byte'),
  async run(args) {
    if (args['strict-order'] && args.to !== undefined) {
      throw new UsageError(
        'Failed to use --strict-order: it sets how the inbox started without --to checks bodies, and --to sends to your receiver. Drop --strict-order, or drop --to.',
        'BAD_OPTION',
      );
    }
    // Journeys wait between steps until the run stops; the run's stop signal is made below.
    const paceStop = new AbortController();
    if (args.raise !== undefined && args.journey === undefined)
      throw new UsageError('Failed to send: --raise applies to --journey. Add --journey NAME or drop --raise.', 'BAD_OPTION');
    const { events, total, triggers } =
      args.journey === undefined ? buildEvents(args) : buildJourneyEvents(args, args.journey, paceStop.signal);
    let secret = resolveSecret({ secretFiles: args['secret-file'], secrets: args.secret, env: process.env });
    const sendOptions = {
      unsigned: args.unsigned,
      timeoutMs: args.timeout,
      retries: args.retries,
      retryDelayMs: args['retry-delay'],
      retryMaxDelayMs: args['retry-max-delay'],
      success: args.success,
      faults: args.fault,
      sourceIp: args['source-ip'],
      seed: args.seed,
    };
    // Everything is checked before an inbox starts or a byte is sent; with no --to the inbox has a secret.
    const checked = normalizeSendOptions({
      ...sendOptions,
      to: args.to ?? 'http://127.0.0.1/',
      secret: secret ?? (args.to === undefined ? 'x' : undefined),
    });
    const seen = new Set<string>();
    for (const trigger of triggers) {
      if (seen.has(trigger.id)) continue;
      seen.add(trigger.id);
      assertDeliverable(trigger, checked);
    }
    // Stops for reasons other than a signal: stdout closed (`| head -1`) or the log's disk full.
    const stop = new AbortController();
    const interrupts = watchInterrupts({
      onStop: () =>
        process.stderr.write(
          `systeme-mock: Stopping: no new deliveries; in-flight ones get ${GRACE_MS / 1000} s to finish (Ctrl-C again to abort them now).\n`,
        ),
    });
    const output: GuardedOutput = guardOutput(process.stdout, () => stop.abort());
    const out = (line: string): void => output.write(`${line}\n`);
    const stopSignal = AbortSignal.any([interrupts.stop, stop.signal]);
    stopSignal.addEventListener('abort', () => paceStop.abort(), { once: true });
    const abort = new AbortController();
    const abortSignal = AbortSignal.any([interrupts.abort, abort.signal]);
    let graceTimer: NodeJS.Timeout | undefined;
    // Whatever stopped the run, deliveries in flight get GRACE_MS, then are aborted (and logged as such).
    stopSignal.addEventListener('abort', () => (graceTimer = setTimeout(() => abort.abort(), GRACE_MS)), { once: true });
    let log: DeliveryLog | undefined;
    let inbox: Inbox | undefined;
    try {
      log =
        args.log === undefined
          ? undefined
          : createDeliveryLog(args.log, {
              onError: (error) => {
                process.stderr.write(`systeme-mock: ${error.message} Stopping the run.\n`);
                stop.abort();
              },
            });
      let url = args.to;
      if (url === undefined) {
        const generated = secret === undefined;
        secret ??= randomBytes(24).toString('hex');
        inbox = await createInbox({ secrets: [secret], strictOrder: args['strict-order'] });
        url = inbox.url;
        out(
          `Started an inbox at ${inbox.url} for this run (no --to given), signing with ${generated ? 'a generated secret' : 'your secret'}.`,
        );
      }
      const options = normalizeSendOptions({ ...sendOptions, to: url, secret });
      const summary = await sendEvents(warnIneffectiveFaults(events, options.faults), options, {
        log,
        stopSignal,
        abortSignal,
        onDelivery: (delivery) => out(formatDeliveryLine(delivery, { fromInbox: inbox !== undefined })),
      });
      log?.close();
      const stdoutFailure = output.failure();
      const pipeClosed = isClosedPipe(stdoutFailure);
      const report = formatSendSummary(summary, { totalEvents: total });
      if (stdoutFailure === undefined) out(report);
      else if (!pipeClosed) {
        // stdout failed (a full disk behind `> file`): the report goes to stderr, the one output left.
        process.stderr.write(`systeme-mock: Failed to write to stdout: ${stdoutFailure.message}. Stopped the run.\n${report}\n`);
        return EXIT.failed;
      }
      if (log?.failure() !== undefined) return EXIT.failed;
      // The reader went away (`| head -1`): the run ends quietly, as Unix tools do.
      if (pipeClosed) return EXIT.ok;
      if (summary.interrupted) return interrupts.exitCode() ?? EXIT.failed;
      const failure = describeSendFailure(summary, options);
      if (failure !== null) {
        if (inbox !== undefined && options.faults.length > 0) {
          // The inbox is a correct receiver: rejecting a fault is the expected outcome, not a broken setup.
          out(
            `The inbox rejected ${summary.failed} faulty deliver${summary.failed === 1 ? 'y' : 'ies'}, as a correct receiver does (--fault ${options.faults.join(', ')}).`,
          );
          return EXIT.failed;
        }
        throw new DeliveryError(options.url, failure);
      }
      if (inbox !== undefined) out('Pass --to URL (and --secret-file FILE) to send to your own receiver.');
      return EXIT.ok;
    } finally {
      interrupts.dispose();
      output.dispose();
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      log?.close();
      await inbox?.close();
    }
  },
};
