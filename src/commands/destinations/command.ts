import type { CommandDefinition } from '../../cli/definition.js';
import { json } from '../shared/options.js';

export interface DestinationsOptions { json?: boolean }

export const command: CommandDefinition<DestinationsOptions> = {
  name: 'destinations',
  description: 'help.destinations',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [import('./set/command.js')],
};
