import type { CommandDefinition } from '../../cli/definition.js';
import { redirectUri } from '../shared/options.js';

export interface SetupOptions { redirectUri?: string }

export const command: CommandDefinition<SetupOptions> = {
  name: 'setup',
  description: 'help.setup',
  options: [redirectUri],
  run: () => import('./run.js'),
};
