import type { CommandDefinition } from '../definition.js';
import { json, ping } from '../shared/options.js';
import type { DoctorOptions } from './run.js';

export const command: CommandDefinition<DoctorOptions> = {
  name: 'doctor',
  description: 'help.doctor',
  options: [{ flags: '--max-run-age <age>', description: 'help.opt.maxRunAge' }, ping, json],
  run: () => import('./run.js'),
};
