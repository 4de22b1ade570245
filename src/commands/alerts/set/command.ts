import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { AlertsSetOptions } from './run.js';

export const command: CommandDefinition<AlertsSetOptions> = {
  name: 'set',
  description: 'help.alerts.set',
  arguments: [{ name: '<room>' }],
  options: [json],
  run: () => import('./run.js'),
};
