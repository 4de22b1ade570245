import type { CommandDefinition } from '../../../cli/definition.js';
import { force } from '../../shared/options.js';

export interface StateImportOptions { file: string; force?: boolean }

export const command: CommandDefinition<StateImportOptions> = {
  name: 'import',
  description: 'help.state.import',
  arguments: [{ name: '<file>' }],
  options: [force],
  run: () => import('./run.js'),
};
