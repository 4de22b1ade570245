import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { UsersListOptions } from './run.js';

export const command: CommandDefinition<UsersListOptions> = {
  name: 'list',
  description: 'help.users.list',
  options: [json],
  run: () => import('./run.js'),
};
