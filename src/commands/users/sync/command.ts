import type { CommandDefinition } from '../../definition.js';
import { allowMassRetire, dryRun, json, maxInputSize, maxRetireShare, ping } from '../../shared/options.js';
import type { UsersSyncOptions } from './run.js';

export const command: CommandDefinition<UsersSyncOptions> = {
  name: 'sync',
  description: 'help.users.sync',
  options: [
    { flags: '--input <file|url|->', description: 'help.opt.usersInput' },
    { flags: '--header <header>', description: 'help.opt.header', parse: (value: string, previous: string[] | undefined) => [...(previous ?? []), value] },
    dryRun, maxRetireShare, allowMassRetire, maxInputSize, ping, json,
  ],
  run: () => import('./run.js'),
};
