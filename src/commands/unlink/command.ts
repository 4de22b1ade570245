import type { CommandDefinition } from '../definition.js';
import type { UnlinkOptions } from './run.js';

export const command: CommandDefinition<UnlinkOptions> = {
  name: 'unlink',
  description: 'help.unlink',
  arguments: [{ name: '<user>', description: 'help.arg.linkUser' }],
  run: () => import('./run.js'),
};
