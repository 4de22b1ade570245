import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';

export interface TemplatesLangOptions { lang?: string; json?: boolean }

export const command: CommandDefinition<TemplatesLangOptions> = {
  name: 'lang',
  description: 'help.templates.lang',
  arguments: [{ name: '[lang]' }],
  options: [json],
  run: () => import('./run.js'),
};
