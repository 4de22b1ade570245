import type { CommandDefinition } from '../../definition.js';
import { json, maxInputSize } from '../../shared/options.js';
import type { DigestOptions } from './run.js';

export const command: CommandDefinition<DigestOptions> = {
  name: 'digest',
  description: 'help.reminders.digest',
  options: [
    { flags: '--on', description: 'help.opt.digestOn' },
    { flags: '--off', description: 'help.opt.digestOff' },
    { flags: '--template <file>', description: 'help.opt.digestTemplate' },
    { flags: '--reset', description: 'help.opt.digestReset' },
    { flags: '--lang <lang>', description: 'help.opt.templateLang' }, maxInputSize, json,
  ],
  run: () => import('./run.js'),
};
