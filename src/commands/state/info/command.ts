import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { StateInfoOptions } from './run.js';

export const command: CommandDefinition<StateInfoOptions> = {
  name: 'info',
  description: 'help.state.info',
  options: [json],
  run: () => import('./run.js'),
};
