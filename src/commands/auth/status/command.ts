import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { AuthStatusOptions } from './run.js';

export const command: CommandDefinition<AuthStatusOptions> = {
  name: 'status',
  description: 'help.auth.status',
  options: [json],
  run: () => import('./run.js'),
};
