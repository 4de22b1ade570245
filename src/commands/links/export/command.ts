import type { CommandDefinition } from '../../definition.js';
import type { LinksExportOptions } from './run.js';
import { csvHeaders } from '../../shared/options.js';

export const command: CommandDefinition<LinksExportOptions> = {
  name: 'export',
  description: 'help.links.export',
  arguments: [{ name: '<file>' }],
  options: [csvHeaders],
  run: () => import('./run.js'),
};
