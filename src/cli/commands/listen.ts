import type { CommandModule } from 'yargs';

// Placeholder, replaced by the real command.
export const listenCommand: CommandModule = {
  command: 'listen',
  describe: '(not built yet)',
  handler: () => {
    throw new Error('not built yet');
  },
};
