import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { RemindersEscalateOptions } from './run.js';

export const command: CommandDefinition<RemindersEscalateOptions> = {
  name: 'escalate',
  description: 'help.reminders.escalate',
  arguments: [{ name: '[type]', description: 'help.arg.escalateType' }],
  options: [
    { flags: '--on', description: 'help.opt.escalateOn' },
    { flags: '--off', description: 'help.opt.escalateOff' },
    json,
  ],
  run: () => import('./run.js'),
};
