import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { DestinationsOptions } from './run.js';

export const command: CommandDefinition<DestinationsOptions> = {
  name: 'destinations',
  description: 'help.destinations',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [import('./set/command.js')],
};
