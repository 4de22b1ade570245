import type { CommandDefinition } from '../../cli/definition.js';

export const command: CommandDefinition = {
  name: 'reminders',
  description: 'help.reminders',
  commands: () => [import('./schedule/command.js')],
};
