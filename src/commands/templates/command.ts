import type { CommandDefinition } from '../definition.js';
import { json } from '../shared/options.js';
import type { TemplatesOptions } from './run.js';

/** `templates` lists them; its commands show, change and preview one type's template. */
export const command: CommandDefinition<TemplatesOptions> = {
  name: 'templates',
  description: 'help.templates',
  options: [json],
  run: () => import('./run.js'),
  commands: () => [
    import('./show/command.js'), import('./edit/command.js'), import('./set/command.js'),
    import('./preview/command.js'), import('./reset/command.js'), import('./lang/command.js'),
  ],
};
