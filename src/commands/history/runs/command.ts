import type { CommandDefinition } from '../../definition.js';
import { json } from '../../shared/options.js';
import type { HistoryRunsOptions } from './run.js';

export const command: CommandDefinition<HistoryRunsOptions> = {
  name: 'runs',
  description: 'help.history.runs',
  options: [
    { flags: '--since <date>', description: 'help.opt.since' },
    { flags: '--until <date>', description: 'help.opt.until' },
    { flags: '--command <command>', description: 'help.opt.runsCommand' },
    { flags: '--limit <n>', description: 'help.opt.limit' },
    json,
    { flags: '--csv', description: 'help.opt.csv' },
  ],
  run: () => import('./run.js'),
};
