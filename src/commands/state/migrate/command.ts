import type { CommandDefinition } from '../../../cli/definition.js';
import { force } from '../../shared/options.js';

export interface StateMigrateOptions { to?: string; force?: boolean }

export const command: CommandDefinition<StateMigrateOptions> = {
  name: 'migrate',
  description: 'help.state.migrate',
  options: [{ flags: '--to <path|url>', description: 'help.opt.to', required: true }, force],
  run: () => import('./run.js'),
};
