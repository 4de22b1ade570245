import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { UsersLeaveOptions } from './run.js';

export const command: CommandDefinition<UsersLeaveOptions> = {
  name: 'leave',
  description: 'help.users.leave',
  arguments: [{ name: '[user]', description: 'help.arg.leaveUser' }],
  options: [
    { flags: '--from <date>', description: 'help.opt.leaveFrom' },
    { flags: '--until <date>', description: 'help.opt.leaveUntil' },
    { flags: '--reason <text>', description: 'help.opt.leaveReason' },
    { flags: '--clear', description: 'help.opt.leaveClear' },
    json,
  ],
  run: () => import('./run.js'),
};
