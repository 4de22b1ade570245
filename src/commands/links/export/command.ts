import type { CommandDefinition } from '../../../cli/definition.js';
import type { LinksExportOptions } from './run.js';

export const command: CommandDefinition<LinksExportOptions> = {
  name: 'export',
  description: 'help.links.export',
  arguments: [{ name: '<file>' }],
  run: () => import('./run.js'),
};
