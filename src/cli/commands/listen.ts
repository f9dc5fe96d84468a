import type { Argv, CommandModule } from 'yargs';
import { resolveSecrets, SECRET_ENV } from '../../delivery/resolve-secrets.js';
import { UsageError } from '../../errors.js';
import { createInbox } from '../../receiver/create-inbox.js';
import { formatInboxLine } from '../../receiver/format-inbox-line.js';

interface ListenArgs {
  port: number;
  host: string;
  'secret-file': string[] | undefined;
  secret: string[] | undefined;
  store: string | undefined;
  validate: boolean;
  'max-body': number | undefined;
}

export const listenCommand: CommandModule<object, ListenArgs> = {
  command: 'listen',
  describe: 'Run an inbox that receives both dialects, verifies signatures and checks bodies; one line per delivery',
  builder: (yargs: Argv) =>
    yargs
      .option('port', { alias: 'p', type: 'number', default: 4000, describe: 'Port to listen on (0: a free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('secret-file', { type: 'string', array: true, describe: 'A file holding a webhook secret; repeatable (else SYSTEME_MOCK_SECRET)' })
      .option('secret', { type: 'string', array: true, describe: 'A webhook secret: visible in the process list, prefer --secret-file; repeatable' })
      .option('store', { type: 'string', describe: 'Append every delivery (headers, body, verdict) to this NDJSON file' })
      .option('validate', { type: 'boolean', default: true, describe: 'Check bodies against the trigger\'s documented shape (--no-validate to skip)' })
      .option('max-body', { type: 'number', describe: 'Larger bodies are answered 413 unread, in bytes (default 1048576)' })
      .example('$0 listen --port 4000 --secret-file .secret', 'Then, elsewhere: systeme-mock send SALE_NEW --to http://127.0.0.1:4000/ --secret-file .secret') as unknown as Argv<ListenArgs>,
  handler: async (args) => {
    if (!Number.isSafeInteger(args.port) || args.port < 0 || args.port > 65535) {
      throw new UsageError(`Failed to use --port ${String(args.port)}: expected a whole number from 0 to 65535. Pass e.g. --port 4000.`, 'BAD_OPTION');
    }
    const secrets = resolveSecrets({ secretFiles: args['secret-file'], secrets: args.secret, env: process.env });
    const inbox = await createInbox({ port: args.port, host: args.host, secrets, store: args.store, validate: args.validate, maxBodyBytes: args['max-body'] });
    const checking =
      secrets.length === 0
        ? `no secret, so signatures are not checked (pass --secret-file FILE or set ${SECRET_ENV})`
        : `verifying signatures with ${secrets.length} secret${secrets.length === 1 ? '' : 's'}`;
    process.stdout.write(`Listening on ${inbox.url} for both dialects, ${checking}. Ctrl-C to stop.\n`);
    inbox.onDelivery((delivery) => process.stdout.write(`${formatInboxLine(delivery)}\n`));
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await inbox.close();
    const accepted = inbox.deliveries.filter((d) => d.accepted).length;
    const received = inbox.deliveries.length;
    process.stdout.write(`Received ${received} deliver${received === 1 ? 'y' : 'ies'}: ${accepted} accepted, ${received - accepted} rejected.\n`);
  },
};
