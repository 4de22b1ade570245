import type { CommandDefinition } from '../../cli/definition.js';

/** A reminder campaign's settings: follow-up schedules, managers' escalation. */
export const command: CommandDefinition = {
  name: 'reminders',
  description: 'help.reminders',
  commands: () => [import('./schedule/command.js'), import('./escalate/command.js')],
};
