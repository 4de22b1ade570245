import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { ContactsDeclineOptions } from './run.js';

export const command: CommandDefinition<ContactsDeclineOptions> = {
  name: 'decline',
  description: 'help.contacts.decline',
  arguments: [{ name: '<ids...>', description: 'help.arg.requestIds' }],
  options: [json],
  run: () => import('./run.js'),
};
