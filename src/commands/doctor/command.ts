import type { CommandDefinition } from '../../cli/definition.js';
import { json } from '../shared/options.js';
import type { DoctorOptions } from './run.js';

export const command: CommandDefinition<DoctorOptions> = {
  name: 'doctor',
  description: 'help.doctor',
  options: [json],
  run: () => import('./run.js'),
};
