import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';
import type { ContactsRequestsOptions } from './run.js';

export const command: CommandDefinition<ContactsRequestsOptions> = {
  name: 'requests',
  description: 'help.contacts.requests',
  options: [json],
  run: () => import('./run.js'),
};
