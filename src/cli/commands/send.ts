import type { CommandModule } from 'yargs';

// Placeholder, replaced by the real command.
export const sendCommand: CommandModule = {
  command: 'send',
  describe: '(not built yet)',
  handler: () => {
    throw new Error('not built yet');
  },
};
