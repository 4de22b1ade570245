import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { AlertsOptions } from './run.js';

export const command: CommandDefinition<AlertsOptions> = {
  name: 'alerts',
  description: 'help.alerts',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [import('./set/command.js'), import('./off/command.js')],
};
