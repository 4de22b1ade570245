import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { DestinationsSetOptions } from './run.js';

export const command: CommandDefinition<DestinationsSetOptions> = {
  name: 'set',
  description: 'help.destinations.set',
  arguments: [{ name: '<type>' }, { name: '<destination>' }],
  options: [
    { flags: '--as <message|task>', description: 'help.opt.deliverAs' },
    { flags: '--non-members <skip|dm>', description: 'help.opt.nonMembers' },
    json,
  ],
  run: () => import('./run.js'),
};
