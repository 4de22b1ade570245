import type { CommandDefinition } from '../definition.js';
import { dryRun, json, yes } from '../shared/options.js';
import type { LinkOptions } from './run.js';

export const command: CommandDefinition<LinkOptions> = {
  name: 'link',
  description: 'help.link',
  arguments: [{ name: '[user]', description: 'help.arg.linkUser' }, { name: '[contact]', description: 'help.arg.linkContact' }],
  options: [{ flags: '--auto', description: 'help.opt.auto' }, { flags: '--review', description: 'help.opt.review' }, yes, dryRun, json],
  run: () => import('./run.js'),
  commands: () => [import('./reject/command.js')],
};
