import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { CalendarOptions } from './run.js';

export const command: CommandDefinition<CalendarOptions> = {
  name: 'calendar',
  description: 'help.calendar',
  arguments: [{ name: '[action]', description: 'help.arg.calendarAction' }, { name: '[args...]', description: 'help.arg.calendarArgs' }],
  options: [{ flags: '--days <n>', description: 'help.opt.days' }, json],
  run: () => import('./run.js'),
};
