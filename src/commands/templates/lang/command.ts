import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { TemplatesLangOptions } from './run.js';

export const command: CommandDefinition<TemplatesLangOptions> = {
  name: 'lang',
  description: 'help.templates.lang',
  arguments: [{ name: '[lang]' }],
  options: [json],
  run: () => import('./run.js'),
};
