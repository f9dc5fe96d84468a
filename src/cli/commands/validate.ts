import type { Argv } from 'yargs';
import { formatValidateReport, validateExitCode } from '../../capture/format-validate-report.js';
import { inferCaptureShape } from '../../capture/grow-template.js';
import { readCaptureFile, type CapturedDelivery } from '../../capture/read-captures.js';
import { validateCapture } from '../../capture/validate-capture.js';
import { resolveSecrets } from '../../wire/resolve-secrets.js';
import { UsageError } from '../../errors.js';
import type { CliCommand } from '../cli-command.js';

interface ValidateArgs {
  files: string[] | undefined;
  secretFile: string[] | undefined;
  against: string | undefined;
  templates: string | undefined;
  json: boolean;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const validateCommand: CliCommand<ValidateArgs> = {
  command: 'validate [files..]',
  describe: 'Check captured deliveries against the catalog: trigger, schema, drift, signature',
  builder: (yargs: Argv) =>
    yargs
      .positional('files', {
        type: 'string',
        array: true,
        describe: 'Captures: raw body, NDJSON, {headers, body} JSON or HAR; none (or -) reads standard input',
      })
      .option('secret-file', {
        type: 'string',
        array: true,
        describe: 'Check x-webhook-signature over the exact bytes with the secret in this file (repeatable)',
      })
      .option('against', { type: 'string', describe: 'Compare with the shape of this capture instead of the catalog' })
      .option('templates', { type: 'string', describe: 'A folder of templates that add triggers' })
      .option('json', { type: 'boolean', default: false, describe: 'Print {ok, deliveries: [...]} as JSON' })
      .example('$0 validate capture.har --secret-file .systeme-secret', 'Every POST of a HAR file, signatures checked')
      .example('$0 generate x --templates t/ -n 100 | $0 validate - --against capture.json', 'Generated bodies against a capture'),
  async run(args) {
    // yargs drops a lone "-" from positionals: no file at all means standard input, unless it is a terminal.
    const files = (args.files ?? []).length > 0 ? args.files! : ['-'];
    if (files[0] === '-' && files.length === 1 && process.stdin.isTTY === true) {
      throw new UsageError(
        'Failed to validate: no capture named. Pass capture files (raw body, NDJSON, {"headers", "body"} JSON or HAR), or pipe one to standard input.',
        'NO_CAPTURE',
      );
    }
    const secrets = resolveSecrets({ secretFiles: args.secretFile });
    let against: { name: string; schema: ReturnType<typeof inferCaptureShape> } | undefined;
    if (args.against !== undefined) {
      const [reference, ...more] = readCaptureFile(args.against);
      if (more.length > 0) {
        throw new UsageError(
          `Failed to read --against ${args.against}: it holds ${more.length + 1} deliveries. Pass a file with one capture.`,
          'CAPTURE',
        );
      }
      against = { name: `the capture ${args.against}`, schema: inferCaptureShape(reference!) };
    }
    // Read everything first: an unreadable file stops the run before any verdict is printed.
    const stdin = files.includes('-') ? await readStdin() : Buffer.alloc(0);
    const deliveries: CapturedDelivery[] = files.flatMap((file) => readCaptureFile(file, () => stdin));
    const reports = deliveries.map((delivery) => validateCapture(delivery, { secrets, against, templatesDir: args.templates }));
    const code = validateExitCode(reports);
    if (args.json) process.stdout.write(JSON.stringify({ ok: code === 0, deliveries: reports }, null, 2) + '\n');
    else process.stdout.write(formatValidateReport(reports));
    return code;
  },
};
