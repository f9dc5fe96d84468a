import type { Argv } from 'yargs';
import { fireLoad } from '../../load/fire-load.js';
import { formatFireSummary } from '../../load/format-fire-summary.js';
import { parseDuration } from '../../wire/parse-duration.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';
import { guardOutput, isClosedPipe } from '../guard-output.js';
import { watchInterrupts } from '../watch-interrupts.js';
import { checkOutputFolder, writeHtmlReport } from '../../report/write-html-report.js';

interface FireArgs {
  triggers?: string[];
  journey?: string;
  speed?: string;
  raise?: string;
  to?: string;
  rate?: string;
  duration?: string;
  count?: string;
  ramp?: string;
  concurrency?: string;
  mix?: string[];
  seed?: string;
  secret?: string[];
  secretFile?: string[];
  unsigned: boolean;
  timeout?: string;
  maxLag?: string;
  grace?: string;
  workers?: string;
  report?: string;
  html?: string;
  log?: string;
  threshold?: string[];
  templates?: string;
}

/** `systeme-mock fire`: rate-controlled load at a staging receiver, with an honest report. */
export const fireCommand: CliCommand<FireArgs> = {
  command: 'fire [triggers..]',
  describe: 'Fire generated, signed events at a receiver at a set rate and report latency and errors',
  builder: (yargs: Argv) =>
    yargs
      .positional('triggers', { type: 'string', array: true, describe: 'Trigger ids, optionally weighted: SALE_NEW=80 SALE_CANCELED=20' })
      .option('to', { type: 'string', describe: 'The receiver URL (your staging endpoint)' })
      .option('rate', { type: 'string', describe: 'Requests per second: 500/s, 30000/m, 500, or max (default 10/s)' })
      .option('duration', { type: 'string', describe: 'How long to fire: 30s, 5m, or ms (or use --count)' })
      .option('count', { alias: 'n', type: 'string', describe: 'How many requests to fire (or use --duration)' })
      .option('ramp', { type: 'string', describe: 'Ramp the rate up linearly from 0 over this time: 30s' })
      .option('concurrency', { type: 'string', describe: 'Cap on requests in flight (default 256)' })
      .option('mix', { type: 'string', array: true, describe: 'Weights over triggers: SALE_NEW=80,SALE_CANCELED=20' })
      .option('seed', { type: 'string', describe: 'Seed for payloads and trigger picks (default random, reported)' })
      .option('secret-file', { type: 'string', array: true, describe: 'A file holding the webhook secret (else SYSTEME_MOCK_SECRET)' })
      .option('secret', { type: 'string', array: true, describe: 'The webhook secret: visible in the process list, prefer --secret-file' })
      .option('unsigned', {
        type: 'boolean',
        default: false,
        describe: 'Send webhooks-dialect deliveries without a signature when no secret is given',
      })
      .option('timeout', { type: 'string', describe: 'Per-request timeout: 10s, 500ms, or ms (default 10s)' })
      .option('max-lag', { type: 'string', describe: 'A request this late is dropped and counted (default 1s)' })
      .option('grace', { type: 'string', describe: 'After Ctrl-C, time for in-flight requests to finish (default 2s)' })
      .option('workers', { type: 'string', describe: 'Worker threads sharing the rate (default 1)' })
      .option('report', { type: 'string', describe: 'Write the full JSON report (histograms included) here' })
      .option('html', { type: 'string', describe: 'Write a self-contained HTML report (charts) here' })
      .option('log', { type: 'string', describe: 'Append one NDJSON line per attempt here' })
      .option('threshold', {
        type: 'string',
        array: true,
        describe: "Fail with exit 99 unless it holds: 'p99<500ms', 'errors<1%', 'rate>490/s'",
      })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' })
      .option('journey', {
        type: 'string',
        describe: 'Fire journeys (e.g. lead-to-buyer): they start at --rate, later steps follow as planned',
      })
      .option('speed', { type: 'string', describe: 'With --journey: how much faster than real time, e.g. 3600x (default 1x)' })
      .option('raise', {
        type: 'string',
        describe: "With --journey: what each step raises, e.g. automation,webhooks (both dialects, the offer's tags and courses)",
      })
      .example('$0 fire SALE_NEW=80 SALE_CANCELED=20 --to http://127.0.0.1:3000/hooks --rate 500/s --duration 5m --secret-file .secret', '')
      .example("$0 fire SALE_NEW --to $URL --rate 200/s --count 10000 --threshold 'p99<500ms' --threshold 'errors<1%'", ''),
  async run(args) {
    const tty = process.stderr.isTTY === true;
    // Read here only to say it on Ctrl-C; fireLoad reads every option again (and refuses a bad one first).
    const graceSeconds = args.grace === undefined ? 2 : parseDuration(args.grace, '--grace', { allowZero: true, example: '2s' }) / 1000;
    const interrupts = watchInterrupts({
      onStop: () =>
        process.stderr.write(
          `${tty ? '\r\x1b[K' : ''}systeme-mock: Stopping: no new requests; in-flight ones get ${graceSeconds} s to finish (Ctrl-C again to abort them now).\n`,
        ),
    });
    // A closed stdout (`| head`) ends the run quietly; another stdout failure is reported.
    const output = guardOutput(process.stdout, () => undefined);
    if (args.html !== undefined) checkOutputFolder(args.html, '--html');
    try {
      const { report, verdict, logFailure } = await fireLoad(
        {
          triggers: args.triggers,
          to: args.to,
          rate: args.rate,
          duration: args.duration,
          count: args.count,
          ramp: args.ramp,
          concurrency: args.concurrency,
          mix: args.mix,
          seed: args.seed,
          secret: args.secret,
          secretFile: args.secretFile,
          unsigned: args.unsigned,
          timeout: args.timeout,
          maxLag: args.maxLag,
          grace: args.grace,
          workers: args.workers,
          report: args.report,
          log: args.log,
          thresholds: args.threshold,
          templatesDir: args.templates,
          journey: args.journey,
          speed: args.speed,
          raise: args.raise,
        },
        {
          signal: interrupts.stop,
          abortSignal: interrupts.abort,
          onProgress: tty ? (line) => process.stderr.write(`\r\x1b[K${line}`) : undefined,
        },
      );
      if (tty) process.stderr.write('\r\x1b[K');
      const summary = formatFireSummary(report);
      output.write(summary);
      if (args.html !== undefined) {
        writeHtmlReport(args.html, { kind: 'fire', report });
        output.write(`Wrote the HTML report ${args.html}\n`);
      }
      const stdoutFailure = output.failure();
      if (stdoutFailure !== undefined && !isClosedPipe(stdoutFailure)) {
        // stdout failed (a full disk behind `> file`): the summary goes to stderr, the one output left.
        process.stderr.write(`systeme-mock: Failed to write to stdout: ${stdoutFailure.message}.\n${summary}`);
        return EXIT.failed;
      }
      switch (verdict) {
        case 'log-failed':
          process.stderr.write(
            `systeme-mock: ${logFailure?.message ?? 'Failed to write the delivery log.'} The run stopped there; the summary above counts every request sent.\n`,
          );
          return EXIT.failed;
        case 'interrupted':
          return interrupts.exitCode() ?? EXIT.failed;
        case 'no-success': {
          const c = report.counts;
          const reasons = [
            ...Object.entries(report.errorCounts),
            ...Object.entries(report.statusCounts).map(([status, n]) => [`HTTP ${status}`, n] as const),
            ...(c.dropped > 0 ? [['dropped', c.dropped] as const] : []),
          ].map(([kind, n]) => `${kind}: ${n}`);
          process.stderr.write(
            `systeme-mock: Failed to fire at ${report.target}: none of the ${c.scheduled} requests succeeded (${reasons.join(', ')}). Is the receiver at ${report.target} up?\n`,
          );
          return EXIT.failed;
        }
        case 'thresholds-failed':
          return EXIT.thresholds;
        case 'passed':
          return EXIT.ok;
      }
    } finally {
      interrupts.dispose();
      output.dispose();
    }
  },
};
