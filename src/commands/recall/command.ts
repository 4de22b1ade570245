import type { CommandDefinition } from '../../cli/definition.js';
import { dryRun, json, yes } from '../shared/options.js';

export interface RecallOptions { reminder?: string; user?: string[]; dryRun?: boolean; yes?: boolean; json?: boolean }

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
