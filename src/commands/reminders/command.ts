import type { CommandDefinition } from '../../cli/definition.js';

/** A reminder campaign's settings and results: digests, statistics. */
export const command: CommandDefinition = {
  name: 'reminders',
  description: 'help.reminders',
  commands: () => [import('./digest/command.js'), import('./stats/command.js')],
};
