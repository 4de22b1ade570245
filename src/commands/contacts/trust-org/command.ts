import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { TrustOrgOptions } from './run.js';

export const command: CommandDefinition<TrustOrgOptions> = {
  name: 'trust-org',
  description: 'help.contacts.trustOrg',
  arguments: [{ name: '[organization_id]', description: 'help.arg.organizationId' }],
  options: [{ flags: '--remove', description: 'help.opt.trustOrgRemove' }, json],
  run: () => import('./run.js'),
};
