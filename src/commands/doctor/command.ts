import type { CommandDefinition } from '../../cli/definition.js';
import { json } from '../shared/options.js';

export interface DoctorOptions { json?: boolean }

export const command: CommandDefinition<DoctorOptions> = {
  name: 'doctor',
  description: 'help.doctor',
  options: [json],
  run: () => import('./run.js'),
};
