import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { LinksOptions } from './run.js';

export const command: CommandDefinition<LinksOptions> = {
  name: 'links',
  description: 'help.links',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [import('./export/command.js'), import('./import/command.js')],
};
