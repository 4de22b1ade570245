import type { CommandDefinition } from '../../definition.js';
import { encoding, json, maxInputSize, yes } from '../../shared/options.js';
import type { LinksImportOptions } from './run.js';

export const command: CommandDefinition<LinksImportOptions> = {
  name: 'import',
  description: 'help.links.import',
  arguments: [{ name: '<file>' }],
  options: [encoding, { flags: '--prune', description: 'help.opt.prune' }, maxInputSize, yes, json],
  run: () => import('./run.js'),
};
