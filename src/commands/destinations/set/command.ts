import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';

export interface DestinationsSetOptions { type: string; destination: string; as?: string; nonMembers?: string; json?: boolean }

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
