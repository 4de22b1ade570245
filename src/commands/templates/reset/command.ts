import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import { templateLang, templateVariant } from '../shared/options.js';
import type { TemplatesResetOptions } from './run.js';

export const command: CommandDefinition<TemplatesResetOptions> = {
  name: 'reset',
  description: 'help.templates.reset',
  arguments: [{ name: '<type>' }],
  options: [templateLang, templateVariant, json],
  run: () => import('./run.js'),
};
