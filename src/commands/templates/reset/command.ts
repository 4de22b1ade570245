import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import { templateLang } from '../shared/options.js';
import type { TemplatesResetOptions } from './run.js';

export const command: CommandDefinition<TemplatesResetOptions> = {
  name: 'reset',
  description: 'help.templates.reset',
  arguments: [{ name: '<type>' }],
  options: [templateLang, json],
  run: () => import('./run.js'),
};
