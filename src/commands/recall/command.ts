import type { CommandDefinition } from '../definition.js';
import { dryRun, json, yes } from '../shared/options.js';
import type { RecallOptions } from './run.js';

export const command: CommandDefinition<RecallOptions> = {
  name: 'recall',
  description: 'help.recall',
  options: [
    { flags: '--reminder <id>', description: 'help.opt.recallReminder' },
    { flags: '--user <id|email...>', description: 'help.opt.recallUser' },
    dryRun,
    yes,
    json,
  ],
  run: () => import('./run.js'),
};
