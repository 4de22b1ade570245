import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';

export interface ContactsRequestsOptions { json?: boolean }

export const command: CommandDefinition<ContactsRequestsOptions> = {
  name: 'requests',
  description: 'help.contacts.requests',
  options: [json],
  run: () => import('./run.js'),
};
