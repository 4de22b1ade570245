import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import { templateLang } from '../shared/options.js';
import type { TemplatesShowOptions } from './run.js';

export const command: CommandDefinition<TemplatesShowOptions> = {
  name: 'show',
  description: 'help.templates.show',
  arguments: [{ name: '<type>' }],
  options: [templateLang, json],
  run: () => import('./run.js'),
};
