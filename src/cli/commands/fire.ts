import type { CommandModule } from 'yargs';

// Placeholder, replaced by the real command.
export const fireCommand: CommandModule = {
  command: 'fire',
  describe: '(not built yet)',
  handler: () => {
    throw new Error('not built yet');
  },
};
