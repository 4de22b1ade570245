import type { CommandDefinition } from '../../../cli/definition.js';
import { encoding, json, maxInputSize } from '../../shared/options.js';
import type { UsersImportOptions } from './run.js';

export const command: CommandDefinition<UsersImportOptions> = {
  name: 'import',
  description: 'help.users.import',
  arguments: [{ name: '<file>' }],
  options: [encoding, maxInputSize, json],
  run: () => import('./run.js'),
};
