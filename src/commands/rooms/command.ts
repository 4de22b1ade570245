import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { RoomsOptions } from './run.js';

export const command: CommandDefinition<RoomsOptions> = {
  name: 'rooms',
  description: 'help.rooms',
  options: [json],
  run: () => import('./run.js'),
};
