import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { growTemplate } from '../../capture/grow-template.js';
import { readCaptureFile } from '../../capture/read-captures.js';
import { UsageError } from '../../errors.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';

interface TemplateArgs {
  from: string | undefined;
  id: string | undefined;
  out: string | undefined;
  force: boolean;
}

/** Writes a file whole or not at all: a temporary file renamed into place. */
function writeWhole(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new UsageError(
      `Failed to write the template ${path}: ${error instanceof Error ? error.message : String(error)}. Pass a writable --out folder.`,
      'WRITE',
      error,
    );
  }
}

export const templateCommand: CliCommand<TemplateArgs> = {
  command: 'template',
  describe: 'Grow a template from a real capture (for a trigger systeme.io never published)',
  builder: (yargs: Argv) =>
    yargs
      .option('from', { type: 'string', describe: 'The capture: raw body, {headers, body} JSON, one-line NDJSON or HAR with one delivery' })
      .option('id', { type: 'string', describe: "The template's trigger id (default: the capture's type or x-webhook-event)" })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'A --templates folder: writes <dialect>/<id>.json in it (default: print to stdout)',
      })
      .option('force', { type: 'boolean', default: false, describe: 'Replace a template file that exists' })
      .example(
        '$0 template --from course-completed.json --out my-templates/',
        'Then: generate contact.course.completed --templates my-templates/',
      ),
  run(args) {
    if (args.from === undefined) {
      throw new UsageError(
        'Failed to grow a template: no capture given. Pass --from capture.json (a raw body, {"headers", "body"} JSON or a HAR file).',
        'NO_CAPTURE',
      );
    }
    const deliveries = readCaptureFile(args.from);
    if (deliveries.length > 1) {
      throw new UsageError(
        `Failed to grow a template from ${args.from}: it holds ${deliveries.length} deliveries. Pass a file with one capture.`,
        'CAPTURE',
      );
    }
    if (args.id !== undefined && !/^[\w.:-]+$/.test(args.id)) {
      throw new UsageError(
        `Failed to use --id ${JSON.stringify(args.id)}: use letters, digits and . _ : - only, e.g. --id contact.course.completed.`,
        'BAD_OPTION',
      );
    }
    const grown = growTemplate(deliveries[0]!, { id: args.id });
    const text = JSON.stringify(grown.template, null, 2) + '\n';
    if (args.out === undefined) {
      process.stdout.write(text);
      return EXIT.ok;
    }
    const path = join(args.out, grown.file);
    if (existsSync(path) && !args.force) {
      throw new UsageError(
        `Failed to write the template ${path}: the file exists. Pass --force to replace it, or --id for another name.`,
        'EXISTS',
      );
    }
    writeWhole(path, text);
    process.stdout.write(
      `Wrote ${path}: trigger ${grown.id} (${grown.dialect}, ${grown.wireName}), ${grown.placeholders.length} values from the world, ${grown.literals.length} kept as captured (listed in its notes).\n` +
        `Try it: systeme-mock generate ${grown.id} --templates ${args.out} --count 3\n`,
    );
    return EXIT.ok;
  },
};
