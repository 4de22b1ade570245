import type { CommandDefinition } from '../definition.js';
import { redirectUri } from '../shared/options.js';
import type { SetupOptions } from './run.js';

export const command: CommandDefinition<SetupOptions> = {
  name: 'setup',
  description: 'help.setup',
  options: [redirectUri],
  run: () => import('./run.js'),
};
