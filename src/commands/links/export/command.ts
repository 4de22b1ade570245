import type { CommandDefinition } from '../../../cli/definition.js';

export interface LinksExportOptions { file: string }

export const command: CommandDefinition<LinksExportOptions> = {
  name: 'export',
  description: 'help.links.export',
  arguments: [{ name: '<file>' }],
  run: () => import('./run.js'),
};
