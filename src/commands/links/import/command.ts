import type { CommandDefinition } from '../../../cli/definition.js';
import { encoding, json, yes } from '../../shared/options.js';

export interface LinksImportOptions { file: string; encoding?: string; json?: boolean; prune?: boolean; yes?: boolean }

export const command: CommandDefinition<LinksImportOptions> = {
  name: 'import',
  description: 'help.links.import',
  arguments: [{ name: '<file>' }],
  options: [encoding, { flags: '--prune', description: 'help.opt.prune' }, yes, json],
  run: () => import('./run.js'),
};
