import { randomBytes } from 'node:crypto';
import type { Argv, CommandModule } from 'yargs';
import { getTrigger } from '../../catalog/catalog.js';
import { reserializeJson } from '../../delivery/apply-faults.js';
import { assertDeliverable, type DeliverableEvent } from '../../delivery/deliver-event.js';
import { createDeliveryLog, type DeliveryLog } from '../../delivery/delivery-log.js';
import { describeSendFailure, formatDeliveryLine, formatSendSummary } from '../../delivery/format-send-report.js';
import { normalizeSendOptions } from '../../delivery/normalize-send-options.js';
import { readFixtureFile } from '../../delivery/read-fixture-file.js';
import { resolveSecret } from '../../delivery/resolve-secrets.js';
import { sendEvents } from '../../delivery/send-events.js';
import { computeDeliveryGaps } from '../../delivery/uuid-v7.js';
import { DeliveryError, UsageError } from '../../errors.js';
import { createGenerator } from '../../generate/generator.js';
import { createInbox, type Inbox } from '../../receiver/create-inbox.js';

interface SendArgs {
  triggers: string[] | undefined;
  to: string | undefined;
  count: number | undefined;
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
  'secret-file': string | undefined;
  secret: string | undefined;
  log: string | undefined;
  templates: string | undefined;
}

/** How long deliveries in flight may finish after Ctrl-C before they are aborted. */
const GRACE_MS = 2000;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function buildEvents(args: SendArgs): { events: Iterable<DeliverableEvent>; total: number; triggers: Array<Pick<DeliverableEvent['trigger'], 'id' | 'dialect'>> } {
  const named = args.triggers ?? [];
  if (args.from !== undefined) {
    if (args.count !== undefined || args.seed !== undefined || (args.set?.length ?? 0) > 0) {
      throw new UsageError('Failed to replay --from: --count, --seed and --set apply to generated events, not to fixtures. Drop them, or drop --from.', 'BAD_OPTION');
    }
    if (named.length > 1) {
      throw new UsageError(`Failed to replay --from ${args.from}: name at most one trigger for its bodies, got ${named.length}. Pass e.g. send SALE_NEW --from ${args.from}.`, 'BAD_OPTION');
    }
    const trigger = named[0] === undefined ? undefined : getTrigger(named[0], { templatesDir: args.templates });
    const lines = readFixtureFile(args.from, { trigger });
    return {
      total: lines.length,
      triggers: lines.map((l) => l.trigger),
      events: (function* () {
        // The event time is when the replayed event is sent: the fixture's own dates stay in its bytes.
        for (const [index, line] of lines.entries()) yield { trigger: line.trigger, body: line.body, eventTime: new Date(Date.now() - leadMs(index)), index };
      })(),
    };
  }
  if (named.length === 0) {
    throw new UsageError('Failed to send: no trigger named. Name one or more, e.g. "systeme-mock send SALE_NEW", or replay fixtures with --from FILE. Run "systeme-mock list" for the ids.', 'NO_TRIGGER');
  }
  const count = args.count ?? 1;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(`Failed to use --count ${String(count)}: expected a whole number from 1. Pass e.g. --count 3.`, 'BAD_OPTION');
  }
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
function* warnIneffectiveFaults(events: Iterable<DeliverableEvent>, faults: readonly string[]): Generator<DeliverableEvent> {
  for (const event of events) {
    if (faults.includes('reserialized-body') && reserializeJson(event.body) === event.body.toString()) {
      process.stderr.write(
        `systeme-mock: --fault reserialized-body changes nothing in ${event.trigger.id} event ${event.index ?? 0}: its body has no "\\/", no "\\u" escape and no x.0 float, so this delivery is genuine.\n`,
      );
    }
    yield event;
  }
}

export const sendCommand: CommandModule<object, SendArgs> = {
  command: 'send [triggers..]',
  describe: 'Sign and send deliveries as systeme.io does; with no --to, to an inbox started for the run',
  builder: (yargs: Argv) =>
    yargs
      .positional('triggers', { type: 'string', array: true, describe: 'Trigger ids (see "list")' })
      .option('to', { type: 'string', describe: 'The receiver URL (default: an inbox on a free local port, stopped after the run)' })
      .option('count', { alias: 'n', type: 'number', describe: 'Events per trigger (default 1)' })
      .option('seed', { type: 'string', describe: 'Same seed, same payloads (timestamps are the send time)' })
      .option('set', { type: 'string', array: true, describe: 'Override a value: --set customer.email=a@b.co; repeatable' })
      .option('from', { type: 'string', describe: 'Replay an NDJSON fixture file, one body per line, byte for byte' })
      .option('secret-file', { type: 'string', describe: 'A file holding the webhook secret (else SYSTEME_MOCK_SECRET)' })
      .option('secret', { type: 'string', describe: 'The webhook secret: visible in the process list, prefer --secret-file' })
      .option('unsigned', { type: 'boolean', default: false, describe: 'Send webhooks-dialect deliveries without a signature when no secret is given' })
      .option('timeout', { type: 'string', describe: 'Per-attempt timeout in ms (default 10000; systeme.io\'s is unknown)' })
      .option('retries', { type: 'string', describe: 'Retries after the first attempt (default 3; systeme.io\'s are unknown)' })
      .option('retry-delay', { type: 'string', describe: 'Wait before the first retry in ms, doubled each time (default 1000)' })
      .option('retry-max-delay', { type: 'string', describe: 'Longest wait in ms, also caps Retry-After (default 30000)' })
      .option('success', { type: 'string', describe: 'Status codes that count as delivered (default 200-299)' })
      .option('fault', { type: 'string', array: true, describe: 'Inject a receiver fault: bad-signature, wrong-secret, missing-signature, reserialized-body, duplicate, stale-timestamp, pretty-body' })
      .option('source-ip', { type: 'boolean', default: false, describe: 'Add x-forwarded-for with one of systeme.io\'s addresses (a simulation)' })
      .option('log', { type: 'string', describe: 'Append one NDJSON line per attempt to this file' })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' })
      .example('$0 send SALE_NEW --count 3 --seed 1', 'Three signed sales to a throwaway local inbox, verified')
      .example('$0 send SALE_NEW --to http://127.0.0.1:3000/webhooks --secret-file .secret', 'One signed sale to your receiver')
      .example('$0 send SALE_NEW --from fixtures/SALE_NEW.ndjson --to http://127.0.0.1:3000/webhooks', 'Replay fixtures byte for byte') as unknown as Argv<SendArgs>,
  handler: async (args) => {
    const { events, total, triggers } = buildEvents(args);
    let secret = resolveSecret({
      secretFiles: args['secret-file'] === undefined ? [] : [args['secret-file']],
      secrets: args.secret === undefined ? [] : [args.secret],
      env: process.env,
    });
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
    const checked = normalizeSendOptions({ ...sendOptions, to: args.to ?? 'http://127.0.0.1/', secret: secret ?? (args.to === undefined ? 'x' : undefined) });
    const seen = new Set<string>();
    for (const trigger of triggers) {
      if (seen.has(trigger.id)) continue;
      seen.add(trigger.id);
      assertDeliverable(trigger, checked);
    }
    let inbox: Inbox | undefined;
    let url = args.to;
    if (url === undefined) {
      const generated = secret === undefined;
      secret ??= randomBytes(24).toString('hex');
      inbox = await createInbox({ secrets: [secret] });
      url = inbox.url;
      out(`Started an inbox at ${inbox.url} for this run (no --to given), signing with ${generated ? 'a generated secret' : 'your secret'}.`);
    }
    const options = normalizeSendOptions({ ...sendOptions, to: url, secret });

    let log: DeliveryLog | undefined;
    const stop = new AbortController();
    const abort = new AbortController();
    let graceTimer: NodeJS.Timeout | undefined;
    const onSigint = (): void => {
      if (stop.signal.aborted) {
        abort.abort();
        return;
      }
      stop.abort();
      process.stderr.write(`systeme-mock: Stopping: no new deliveries; in-flight ones get ${GRACE_MS / 1000} s to finish (Ctrl-C again to abort them now).\n`);
      graceTimer = setTimeout(() => abort.abort(), GRACE_MS);
    };
    process.on('SIGINT', onSigint);
    try {
      log = args.log === undefined ? undefined : createDeliveryLog(args.log);
      const summary = await sendEvents(warnIneffectiveFaults(events, options.faults), options, {
        log,
        stopSignal: stop.signal,
        abortSignal: abort.signal,
        onDelivery: (delivery) => out(formatDeliveryLine(delivery, { fromInbox: inbox !== undefined })),
      });
      log?.close();
      log = undefined;
      out(formatSendSummary(summary, { totalEvents: total }));
      if (summary.interrupted) {
        process.exitCode = 130;
        return;
      }
      const failure = describeSendFailure(summary, options);
      if (failure !== null) {
        if (inbox !== undefined && options.faults.length > 0) {
          // The inbox is a correct receiver: rejecting a fault is the expected outcome, not a broken setup.
          out(`The inbox rejected ${summary.failed} faulty deliver${summary.failed === 1 ? 'y' : 'ies'}, as a correct receiver does (--fault ${options.faults.join(', ')}).`);
          process.exitCode = 1;
          return;
        }
        throw new DeliveryError(options.url, failure);
      }
      if (inbox !== undefined) out('Pass --to URL (and --secret-file FILE) to send to your own receiver.');
    } finally {
      process.off('SIGINT', onSigint);
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      log?.close();
      await inbox?.close();
    }
  },
};
