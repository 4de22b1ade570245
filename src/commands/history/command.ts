import type { CommandDefinition } from '../../cli/definition.js';
import { csvHeaders, json, notificationType } from '../shared/options.js';
import type { HistoryOptions } from './run.js';

export const command: CommandDefinition<HistoryOptions> = {
  name: 'history',
  description: 'help.history',
  options: [
    { flags: '--user <id|email|name>', description: 'help.opt.historyUser' },
    { flags: '--reminder <id>', description: 'help.opt.reminder' },
    notificationType,
    { flags: '--since <date>', description: 'help.opt.since' },
    { flags: '--until <date>', description: 'help.opt.until' },
    { flags: '--status <status>', description: 'help.opt.status' },
    { flags: '--limit <n>', description: 'help.opt.limit' },
    json,
    { flags: '--csv', description: 'help.opt.csv' },
    csvHeaders,
  ],
  run: () => import('./run.js'),
  commands: () => [import('./prune/command.js'), import('./runs/command.js'), import('./audit/command.js')],
};
