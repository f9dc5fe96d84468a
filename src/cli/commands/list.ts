import type { Argv } from 'yargs';
import { listTriggers } from '../../catalog/catalog.js';
import type { TriggerDefinition } from '../../catalog/triggers.js';
import { formatUnpublishedTriggers, UNPUBLISHED_STATUS, UNPUBLISHED_TRIGGERS } from '../../catalog/unpublished-triggers.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';

interface ListArgs {
  all: boolean;
  json: boolean;
  templates: string | undefined;
}

/** A plain-text table of triggers, as `list` and `generate` with no trigger print it. */
export function formatTriggerTable(triggers: readonly TriggerDefinition[]): string {
  const rows = [
    ['ID', 'DIALECT', 'SCHEMA', 'DESCRIPTION'],
    ...triggers.map((t) => [t.id, t.dialect, t.schemaVersion === null ? '-' : `v${t.schemaVersion}`, t.description]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')).join('\n') + '\n';
}

export const listCommand: CliCommand<ListArgs> = {
  command: 'list',
  describe: 'List every trigger systeme.io documents (both dialects)',
  builder: (yargs: Argv) =>
    yargs
      .option('all', {
        type: 'boolean',
        default: false,
        describe: 'Also the automation triggers systeme.io offers but never published a payload for',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print [{id, dialect, wireName, variant, schemaVersion, description}]' })
      .option('templates', { type: 'string', describe: 'A folder of templates that add or replace triggers' }),
  run(args) {
    const triggers = listTriggers({ templatesDir: args.templates });
    if (args.json) {
      const rows = triggers.map(({ id, dialect, wireName, variant, schemaVersion, description }) => ({
        id,
        dialect,
        wireName,
        variant,
        schemaVersion,
        description,
      }));
      const unpublished = args.all
        ? UNPUBLISHED_TRIGGERS.map(({ label, dialect }) => ({ id: null, label, dialect, published: false, status: UNPUBLISHED_STATUS }))
        : [];
      process.stdout.write(JSON.stringify([...rows, ...unpublished], null, 2) + '\n');
    } else {
      process.stdout.write(formatTriggerTable(triggers) + (args.all ? '\n' + formatUnpublishedTriggers() : ''));
    }
    return EXIT.ok;
  },
};
