import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import { templateLang, templateVariant } from '../shared/options.js';
import type { TemplatesShowOptions } from './run.js';

export const command: CommandDefinition<TemplatesShowOptions> = {
  name: 'show',
  description: 'help.templates.show',
  arguments: [{ name: '<type>' }],
  options: [templateLang, templateVariant, json],
  run: () => import('./run.js'),
};
