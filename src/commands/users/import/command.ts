import type { CommandDefinition } from '../../../cli/definition.js';
import type { UsersFile } from '../../../himanager-users/import.js';
import { encoding, json } from '../../shared/options.js';

export type UsersImportOptions = UsersFile;

export const command: CommandDefinition<UsersImportOptions> = {
  name: 'import',
  description: 'help.users.import',
  arguments: [{ name: '<file>' }],
  options: [encoding, json],
  run: () => import('./run.js'),
};
