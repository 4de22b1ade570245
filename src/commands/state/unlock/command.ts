import type { CommandDefinition } from '../../definition.js';
import { yes } from '../../shared/options.js';
import type { UnlockOptions } from './run.js';

export const command: CommandDefinition<UnlockOptions> = {
  name: 'unlock',
  description: 'help.state.unlock',
  options: [
    { flags: '--force', description: 'help.opt.unlockForce' },
    yes,
  ],
  run: () => import('./run.js'),
};
