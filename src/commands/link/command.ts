import type { CommandDefinition } from '../../cli/definition.js';
import { dryRun, json, yes } from '../shared/options.js';

export interface LinkOptions { user?: string; contact?: string; auto?: boolean; yes?: boolean; dryRun?: boolean; json?: boolean }

export const command: CommandDefinition<LinkOptions> = {
  name: 'link',
  description: 'help.link',
  arguments: [{ name: '[user]', description: 'help.arg.linkUser' }, { name: '[contact]', description: 'help.arg.linkContact' }],
  options: [{ flags: '--auto', description: 'help.opt.auto' }, yes, dryRun, json],
  run: () => import('./run.js'),
};
