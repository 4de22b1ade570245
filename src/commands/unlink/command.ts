import type { CommandDefinition } from '../../cli/definition.js';

export interface UnlinkOptions { user: string }

export const command: CommandDefinition<UnlinkOptions> = {
  name: 'unlink',
  description: 'help.unlink',
  arguments: [{ name: '<user>', description: 'help.arg.linkUser' }],
  run: () => import('./run.js'),
};
