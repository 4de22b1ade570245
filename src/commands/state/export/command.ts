import type { CommandDefinition } from '../../definition.js';
import { output } from '../../shared/options.js';
import type { StateExportOptions } from './run.js';

export const command: CommandDefinition<StateExportOptions> = {
  name: 'export',
  description: 'help.state.export',
  options: [output],
  run: () => import('./run.js'),
};
