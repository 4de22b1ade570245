import type { CommandDefinition } from '../../definition.js';

/** No flag carries a key: argv shows in `ps` and in shell history. */
export const command: CommandDefinition = {
  name: 'rekey',
  description: 'help.state.rekey',
  run: () => import('./run.js'),
};
