import type { CommandDefinition } from '../../definition.js';
import { json, maxInputSize } from '../../shared/options.js';
import { templateLang, templateVariant } from '../shared/options.js';
import type { TemplatesSetOptions } from './run.js';

export const command: CommandDefinition<TemplatesSetOptions> = {
  name: 'set',
  description: 'help.templates.set',
  arguments: [{ name: '<type>' }],
  options: [{ flags: '--file <file>', description: 'help.opt.templateFile', required: true }, templateLang, templateVariant, maxInputSize, json],
  run: () => import('./run.js'),
};
