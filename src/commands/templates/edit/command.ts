import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import { templateLang, templateVariant } from '../shared/options.js';
import type { TemplatesEditOptions } from './run.js';

export const command: CommandDefinition<TemplatesEditOptions> = {
  name: 'edit',
  description: 'help.templates.edit',
  arguments: [{ name: '<type>' }],
  options: [templateLang, templateVariant, json],
  run: () => import('./run.js'),
};
