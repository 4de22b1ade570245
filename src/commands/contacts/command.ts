import type { CommandDefinition } from '../../cli/definition.js';
import { json } from '../shared/options.js';

export interface ContactsOptions { json?: boolean }

export const command: CommandDefinition<ContactsOptions> = {
  name: 'contacts',
  description: 'help.contacts',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [import('./requests/command.js'), import('./approve/command.js'), import('./decline/command.js')],
};
