import type { CommandDefinition } from '../../definition.js';
import { force } from '../../shared/options.js';
import type { StateMigrateOptions } from './run.js';

export const command: CommandDefinition<StateMigrateOptions> = {
  name: 'migrate',
  description: 'help.state.migrate',
  options: [{ flags: '--to <path|url>', description: 'help.opt.to', required: true }, force],
  run: () => import('./run.js'),
};
