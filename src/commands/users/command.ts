import type { CommandDefinition } from '../definition.js';

export const command: CommandDefinition = {
  name: 'users',
  description: 'help.users',
  commands: () => [import('./import/command.js'), import('./sync/command.js'), import('./list/command.js'), import('./leave/command.js')],
};
