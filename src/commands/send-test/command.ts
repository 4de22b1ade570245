import type { CommandDefinition } from '../../cli/definition.js';
import { json, notificationType } from '../shared/options.js';

export interface SendTestOptions { type?: string; user?: string; room?: string; json?: boolean }

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
