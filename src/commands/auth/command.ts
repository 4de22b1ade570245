import type { CommandDefinition } from '../../cli/definition.js';

export const command: CommandDefinition = {
  name: 'auth',
  description: 'help.auth',
  commands: () => [import('./login/command.js'), import('./status/command.js'), import('./logout/command.js')],
};
