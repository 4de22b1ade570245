import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { AlertsOffOptions } from './run.js';

export const command: CommandDefinition<AlertsOffOptions> = {
  name: 'off',
  description: 'help.alerts.off',
  options: [json],
  run: () => import('./run.js'),
};
