import type { CommandDefinition } from '../../commands/definition.js';
import type { ConsoleOptions } from './run.js';

export const command: CommandDefinition<ConsoleOptions> = {
  name: 'console',
  description: 'help.console',
  options: [
    { flags: '--port <n>', description: 'help.opt.consolePort' },
    { flags: '--no-open', description: 'help.opt.consoleNoOpen' },
  ],
  run: () => import('./run.js'),
};
