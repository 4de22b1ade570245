import type { CommandDefinition } from '../../definition.js';
import { dryRun, json, ping, yes } from '../../shared/options.js';
import type { ContactsApproveOptions } from './run.js';

export const command: CommandDefinition<ContactsApproveOptions> = {
  name: 'approve',
  description: 'help.contacts.approve',
  arguments: [{ name: '[ids...]', description: 'help.arg.requestIds' }],
  options: [
    { flags: '--auto', description: 'help.opt.approveAuto' },
    { flags: '--user <user>', description: 'help.opt.approveUser' },
    yes,
    dryRun,
    ping,
    json,
  ],
  run: () => import('./run.js'),
};
