import type { CommandDefinition } from '../../../cli/definition.js';
import { yes } from '../../shared/options.js';

export interface AuthLogoutOptions { yes?: boolean; purge?: boolean }

export const command: CommandDefinition<AuthLogoutOptions> = {
  name: 'logout',
  description: 'help.auth.logout',
  options: [yes, { flags: '--purge', description: 'help.opt.purge' }],
  run: () => import('./run.js'),
};
