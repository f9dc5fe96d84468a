import type { Argv } from 'yargs';
import { resolveSecrets, SECRET_ENV } from '../../wire/resolve-secrets.js';
import { createInbox } from '../../receiver/create-inbox.js';
import { formatInboxLine } from '../../receiver/format-inbox-line.js';
import { parseWholeNumber } from '../../wire/parse-whole-number.js';
import type { CliCommand } from '../cli-command.js';
import { EXIT } from '../exit-codes.js';
import { guardOutput } from '../guard-output.js';
import { watchInterrupts } from '../watch-interrupts.js';

interface ListenArgs {
  port: string;
  host: string;
  'secret-file': string[] | undefined;
  secret: string[] | undefined;
  store: string | undefined;
  validate: boolean;
  'strict-order': boolean;
  'max-body': string | undefined;
}

export const listenCommand: CliCommand<ListenArgs> = {
  command: 'listen',
  describe: 'Run an inbox that receives both dialects, verifies signatures and checks bodies; one line per delivery',
  builder: (yargs: Argv) =>
    yargs
      .option('port', { alias: 'p', type: 'string', default: '4000', describe: 'Port to listen on (0: a free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('secret-file', {
        type: 'string',
        array: true,
        describe: 'A file holding a webhook secret; repeatable (else SYSTEME_MOCK_SECRET)',
      })
      .option('secret', {
        type: 'string',
        array: true,
        describe: 'A webhook secret: visible in the process list, prefer --secret-file; repeatable',
      })
      .option('store', { type: 'string', describe: 'Append every delivery (headers, body, verdict) to this NDJSON file' })
      .option('validate', {
        type: 'boolean',
        default: true,
        describe: "Check bodies against the trigger's documented shape (--no-validate to skip)",
      })
      .option('strict-order', {
        type: 'boolean',
        default: false,
        describe:
          'Reject bodies whose keys come in another order than documented (default: accept them with a note, as systeme.io does not keep key order)',
      })
      .option('max-body', { type: 'string', describe: 'Larger bodies are answered 413 unread, in bytes (default 1048576)' })
      .example(
        '$0 listen --port 4000 --secret-file .secret',
        'Then, elsewhere: systeme-mock send SALE_NEW --to http://127.0.0.1:4000/ --secret-file .secret',
      ),
  async run(args) {
    const port = parseWholeNumber(args.port, '--port', { min: 0, max: 65535, example: 4000 });
    const maxBodyBytes =
      args['max-body'] === undefined ? undefined : parseWholeNumber(args['max-body'], '--max-body', { min: 1, example: 1048576 });
    const secrets = resolveSecrets({ secretFiles: args['secret-file'], secrets: args.secret, env: process.env });
    const inbox = await createInbox({
      port,
      host: args.host,
      secrets,
      store: args.store,
      validate: args.validate,
      strictOrder: args['strict-order'],
      maxBodyBytes,
    });
    const checking =
      secrets.length === 0
        ? `no secret, so signatures are not checked (pass --secret-file FILE or set ${SECRET_ENV})`
        : `verifying signatures with ${secrets.length} secret${secrets.length === 1 ? '' : 's'}`;
    // The inbox runs until a signal (SIGINT, SIGTERM, SIGHUP): that is its normal end, so it exits 0
    // after closing the inbox and printing the count. A closed stdout only silences the lines.
    const interrupts = watchInterrupts();
    const output = guardOutput(process.stdout, () => undefined);
    try {
      output.write(`Listening on ${inbox.url} for both dialects, ${checking}. Ctrl-C to stop.\n`);
      inbox.onDelivery((delivery) => output.write(`${formatInboxLine(delivery)}\n`));
      await new Promise<void>((resolve) => interrupts.stop.addEventListener('abort', () => resolve(), { once: true }));
      await inbox.close();
      const accepted = inbox.deliveries.filter((d) => d.accepted).length;
      const received = inbox.deliveries.length;
      output.write(`Received ${received} deliver${received === 1 ? 'y' : 'ies'}: ${accepted} accepted, ${received - accepted} rejected.\n`);
      return EXIT.ok;
    } finally {
      interrupts.dispose();
      output.dispose();
    }
  },
};
