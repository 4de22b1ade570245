import type { CommandDefinition } from '../definition.js';

export const command: CommandDefinition = {
  name: 'auth',
  description: 'help.auth',
  commands: () => [import('./login/command.js'), import('./status/command.js'), import('./logout/command.js')],
};
