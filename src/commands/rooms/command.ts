import type { CommandDefinition } from '../../cli/definition.js';
import { json } from '../shared/options.js';

export interface RoomsOptions { json?: boolean }

export const command: CommandDefinition<RoomsOptions> = {
  name: 'rooms',
  description: 'help.rooms',
  options: [json],
  run: () => import('./run.js'),
};
