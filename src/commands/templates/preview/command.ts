import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import { templateLang } from '../shared/options.js';
import type { TemplatesPreviewOptions } from './run.js';

export const command: CommandDefinition<TemplatesPreviewOptions> = {
  name: 'preview',
  description: 'help.templates.preview',
  arguments: [{ name: '<type>' }],
  options: [templateLang, { flags: '--user <id|email>', description: 'help.opt.previewUser' }, json],
  run: () => import('./run.js'),
};
