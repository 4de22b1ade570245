import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';
import { templateLang } from '../shared/options.js';

export interface TemplatesResetOptions { type: string; lang?: string; json?: boolean }

export const command: CommandDefinition<TemplatesResetOptions> = {
  name: 'reset',
  description: 'help.templates.reset',
  arguments: [{ name: '<type>' }],
  options: [templateLang, json],
  run: () => import('./run.js'),
};
