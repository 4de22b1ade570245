import type { CommandDefinition } from '../../definition.js';
import { force, maxInputSize } from '../../shared/options.js';
import type { StateImportOptions } from './run.js';

export const command: CommandDefinition<StateImportOptions> = {
  name: 'import',
  description: 'help.state.import',
  arguments: [{ name: '<file>' }],
  options: [force, maxInputSize],
  run: () => import('./run.js'),
};
