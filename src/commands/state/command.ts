import type { CommandDefinition } from '../definition.js';

export const command: CommandDefinition = {
  name: 'state',
  description: 'help.state',
  commands: () => [
    import('./info/command.js'), import('./migrate/command.js'), import('./export/command.js'), import('./import/command.js'), import('./unlock/command.js'),
    import('./rekey/command.js'),
  ],
};
