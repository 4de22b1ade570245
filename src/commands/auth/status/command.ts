import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';

export interface AuthStatusOptions { json?: boolean }

export const command: CommandDefinition<AuthStatusOptions> = {
  name: 'status',
  description: 'help.auth.status',
  options: [json],
  run: () => import('./run.js'),
};
