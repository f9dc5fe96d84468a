import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { fireLoad } from '../../load/fire-load.js';
import { formatFireSummary } from '../../load/format-fire-summary.js';
import { checkOutputFolder, writeHtmlReport } from '../../report/write-html-report.js';

interface FireArgs {
  trigger?: string[];
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
export const fireCommand: CommandModule<object, FireArgs> = {
  command: 'fire [trigger..]',
  describe: 'Fire generated, signed events at a receiver at a set rate and report latency and errors',
  builder: (yargs: Argv) =>
    yargs
      .positional('trigger', { type: 'string', array: true, describe: 'Trigger ids, optionally weighted: SALE_NEW=80 SALE_CANCELED=20' })
      .option('to', { type: 'string', describe: 'The receiver URL (your staging endpoint)' })
      .option('rate', { type: 'string', describe: 'Requests per second: 500/s, 30000/m, 500, or max (default 10/s)' })
      .option('duration', { type: 'string', describe: 'How long to fire: 30s, 5m (or use --count)' })
      .option('count', { type: 'string', describe: 'How many requests to fire (or use --duration)' })
      .option('ramp', { type: 'string', describe: 'Ramp the rate up linearly from 0 over this time: 30s' })
      .option('concurrency', { type: 'string', describe: 'Cap on requests in flight (default 256)' })
      .option('mix', { type: 'string', array: true, describe: 'Weights over triggers: SALE_NEW=80,SALE_CANCELED=20' })
      .option('seed', { type: 'string', describe: 'Seed for payloads and trigger picks (default random, reported)' })
      .option('secret', { type: 'string', array: true, describe: 'Webhook secret to sign with (prefer --secret-file or SYSTEME_MOCK_SECRET)' })
      .option('secret-file', { type: 'string', array: true, describe: 'File holding the webhook secret' })
      .option('timeout', { type: 'string', describe: 'Per-request timeout (default 10s)' })
      .option('max-lag', { type: 'string', describe: 'A request this late is dropped and counted (default 1s)' })
      .option('grace', { type: 'string', describe: 'After Ctrl-C, time for in-flight requests to finish (default 2s)' })
      .option('workers', { type: 'string', describe: 'Worker threads sharing the rate (default 1)' })
      .option('report', { type: 'string', describe: 'Write the full JSON report (histograms included) here' })
      .option('html', { type: 'string', describe: 'Write a self-contained HTML report (charts) here' })
      .option('log', { type: 'string', describe: 'Append one NDJSON line per attempt here' })
      .option('threshold', { type: 'string', array: true, describe: "Fail with exit 99 unless it holds: 'p99<500ms', 'errors<1%', 'rate>490/s'" })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' })
      .example('$0 fire SALE_NEW=80 SALE_CANCELED=20 --to http://127.0.0.1:3000/hooks --rate 500/s --duration 5m --secret-file .secret', '')
      .example("$0 fire SALE_NEW --to $URL --rate 200/s --count 10000 --threshold 'p99<500ms' --threshold 'errors<1%'", '') as unknown as Argv<FireArgs>,
  handler: async (args: ArgumentsCamelCase<FireArgs>) => {
    const controller = new AbortController();
    let interrupts = 0;
    const onSigint = (): void => {
      // First Ctrl-C: stop and report. A second one: leave now.
      if (++interrupts > 1) process.exit(130);
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    const tty = process.stderr.isTTY === true;
    if (args.html !== undefined) checkOutputFolder(args.html, '--html');
    try {
      const { report, exitCode } = await fireLoad(
        {
          triggers: args.trigger,
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
          timeout: args.timeout,
          maxLag: args.maxLag,
          grace: args.grace,
          workers: args.workers,
          report: args.report,
          log: args.log,
          thresholds: args.threshold,
          templatesDir: args.templates,
        },
        {
          signal: controller.signal,
          onProgress: tty ? (line) => process.stderr.write(`\r\x1b[K${line}`) : undefined,
        },
      );
      if (tty) process.stderr.write('\r\x1b[K');
      process.stdout.write(formatFireSummary(report));
      if (args.html !== undefined) writeHtmlReport(args.html, { kind: 'fire', report });
      process.exitCode = exitCode;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
