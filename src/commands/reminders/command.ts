import type { CommandDefinition } from '../definition.js';

/** A reminder campaign's settings and results: follow-up schedules, managers' escalation, digests, statistics. */
export const command: CommandDefinition = {
  name: 'reminders',
  description: 'help.reminders',
  commands: () => [import('./schedule/command.js'), import('./escalate/command.js'), import('./digest/command.js'), import('./stats/command.js')],
};
