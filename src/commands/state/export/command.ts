import type { CommandDefinition } from '../../../cli/definition.js';
import { output } from '../../shared/options.js';

export interface StateExportOptions { output?: string }

export const command: CommandDefinition<StateExportOptions> = {
  name: 'export',
  description: 'help.state.export',
  options: [output],
  run: () => import('./run.js'),
};
