import type { CommandDefinition } from '../../../cli/definition.js';

export const command: CommandDefinition = {
  name: 'unlock',
  description: 'help.state.unlock',
  run: () => import('./run.js'),
};
