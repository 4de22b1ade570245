import type { CommandDefinition } from '../definition.js';
import { json, notificationType } from '../shared/options.js';
import type { SendTestOptions } from './run.js';

export const command: CommandDefinition<SendTestOptions> = {
  name: 'send-test',
  description: 'help.sendTest',
  options: [
    notificationType,
    { flags: '--user <user>', description: 'help.opt.user' },
    { flags: '--room <room_id>', description: 'help.opt.room' },
    json,
  ],
  run: () => import('./run.js'),
};
