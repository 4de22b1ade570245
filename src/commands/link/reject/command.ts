import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { LinkRejectOptions } from './run.js';

export const command: CommandDefinition<LinkRejectOptions> = {
  name: 'reject',
  description: 'help.link.reject',
  arguments: [{ name: '[user]', description: 'help.arg.linkUser' }, { name: '[contact]', description: 'help.arg.linkContact' }],
  options: [{ flags: '--undo', description: 'help.opt.rejectUndo' }, json],
  run: () => import('./run.js'),
};
