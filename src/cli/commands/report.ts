import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import { formatFireSummary } from '../../load/format-fire-summary.js';
import { parseThreshold } from '../../load/parse-load-values.js';
import { mergeFireReports } from '../../report/merge-fire-reports.js';
import { readReportFile } from '../../report/read-report-file.js';
import { writeHtmlReport, writeJsonReport } from '../../report/write-html-report.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';

interface ReportArgs {
  file?: string[];
  threshold?: string[];
  html?: string;
  out?: string;
}

/** `systeme-mock report`: merge fire reports exactly, check thresholds, write JSON and HTML. */
export const reportCommand: CliCommand<ReportArgs> = {
  command: 'report <file..>',
  describe: 'Merge fire reports from several processes or machines, check thresholds, write one JSON and/or HTML report',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', array: true, describe: 'fire --report files (or one artillery run --output file)' })
      .option('threshold', {
        type: 'string',
        array: true,
        describe: "Fail with exit 99 unless it holds on the merged figures: 'p99<500ms', 'errors<1%'",
      })
      .option('html', { type: 'string', describe: 'Write a self-contained HTML report here' })
      .option('out', { type: 'string', describe: 'Write the merged report (same schema as fire --report) here' })
      .example("$0 report eu.json us.json --threshold 'p99<500ms' --out merged.json --html merged.html", '')
      .example('$0 report artillery-output.json --html artillery.html', ''),
  run(args) {
    const thresholds = (args.threshold ?? []).map(parseThreshold);
    const inputs = (args.file ?? []).map(readReportFile);
    const artillery = inputs.filter((i) => i.kind === 'artillery');
    if (artillery.length > 0) {
      if (inputs.length > 1) {
        throw new UsageError(
          `Failed to report on ${inputs.map((i) => i.file).join(', ')}: ${artillery[0]!.file} is Artillery output, which Artillery merges itself. Pass one Artillery file alone, or only fire reports.`,
          'BAD_INPUT',
        );
      }
      if (thresholds.length > 0 || args.out !== undefined) {
        throw new UsageError(
          `Failed to report on ${artillery[0]!.file}: --threshold and --out apply to fire reports. Use Artillery's ensure plugin for its thresholds, and pass --html alone.`,
          'BAD_INPUT',
        );
      }
      if (args.html === undefined)
        throw new UsageError(`Failed to report on ${artillery[0]!.file}: nothing to do. Pass --html FILE to render it.`, 'BAD_INPUT');
      if (artillery[0]!.kind === 'artillery') writeHtmlReport(args.html, { kind: 'artillery', output: artillery[0]!.output });
      process.stdout.write(`Wrote ${args.html}\n`);
      return EXIT.ok;
    }
    const reports = inputs.flatMap((i) => (i.kind === 'fire' ? [i.report] : []));
    const merged = mergeFireReports(reports, { thresholds, files: inputs.map((i) => i.file) });
    if (args.out !== undefined) writeJsonReport(args.out, merged);
    if (args.html !== undefined) writeHtmlReport(args.html, { kind: 'fire', report: merged });
    process.stdout.write(`Merged ${reports.length} report${reports.length === 1 ? '' : 's'}: ${inputs.map((i) => i.file).join(', ')}\n`);
    process.stdout.write(formatFireSummary(merged));
    return merged.thresholds.some((t) => !t.passed) ? EXIT.thresholds : EXIT.ok;
  },
};
