import type { CommandDefinition } from '../../definition.js';
import { csvHeaders, json } from '../../shared/options.js';
import type { StatsOptions } from './run.js';

export const command: CommandDefinition<StatsOptions> = {
  name: 'stats',
  description: 'help.reminders.stats',
  arguments: [{ name: '[id]' }],
  options: [json, { flags: '--csv', description: 'help.opt.statsCsv' }, csvHeaders],
  run: () => import('./run.js'),
};
