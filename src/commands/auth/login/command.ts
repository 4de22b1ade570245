import type { CommandDefinition } from '../../definition.js';
import { redirectUri } from '../../shared/options.js';
import type { AuthLoginOptions } from './run.js';

export const command: CommandDefinition<AuthLoginOptions> = {
  name: 'login',
  description: 'help.auth.login',
  options: [
    { flags: '--client-id <id>', description: 'help.opt.clientId' },
    { flags: '--client-secret-stdin', description: 'help.opt.clientSecretStdin' },
    redirectUri,
    { flags: '--no-browser', description: 'help.opt.noBrowser' },
    { flags: '--timeout <seconds>', description: 'help.opt.timeout' },
    { flags: '--new-secret', description: 'help.opt.newSecret' },
  ],
  run: () => import('./run.js'),
};
