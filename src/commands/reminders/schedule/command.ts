import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { ScheduleOptions } from './run.js';

export const command: CommandDefinition<ScheduleOptions> = {
  name: 'schedule',
  description: 'help.reminders.schedule',
  arguments: [{ name: '[type]', description: 'help.arg.scheduleType' }],
  options: [
    { flags: '--days-before <list>', description: 'help.opt.daysBefore' },
    { flags: '--gap <hours>', description: 'help.opt.gap' },
    { flags: '--off', description: 'help.opt.scheduleOff' },
    json,
  ],
  run: () => import('./run.js'),
};
