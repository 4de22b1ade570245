import type { CommandDefinition } from '../../definition.js';
import { allowMassRetire, dryRun, encoding, json, maxInputSize, maxRetireShare } from '../../shared/options.js';
import type { UsersImportOptions } from './run.js';

export const command: CommandDefinition<UsersImportOptions> = {
  name: 'import',
  description: 'help.users.import',
  arguments: [{ name: '<file>' }],
  options: [encoding, dryRun, maxRetireShare, allowMassRetire, maxInputSize, json],
  run: () => import('./run.js'),
};
