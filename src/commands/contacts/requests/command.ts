import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { ContactsRequestsOptions } from './run.js';

export const command: CommandDefinition<ContactsRequestsOptions> = {
  name: 'requests',
  description: 'help.contacts.requests',
  options: [json],
  run: () => import('./run.js'),
};
