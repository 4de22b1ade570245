import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { ContactsOptions } from './run.js';

export const command: CommandDefinition<ContactsOptions> = {
  name: 'contacts',
  description: 'help.contacts',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [import('./requests/command.js'), import('./approve/command.js'), import('./decline/command.js'), import('./trust-org/command.js')],
};
