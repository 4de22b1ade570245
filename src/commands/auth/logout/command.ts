import type { CommandDefinition } from '../../definition.js';
import { yes } from '../../shared/options.js';
import type { AuthLogoutOptions } from './run.js';

export const command: CommandDefinition<AuthLogoutOptions> = {
  name: 'logout',
  description: 'help.auth.logout',
  options: [yes, { flags: '--purge', description: 'help.opt.purge' }],
  run: () => import('./run.js'),
};
