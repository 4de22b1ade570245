import type { CommandDefinition } from '../../definition.js';
import { dryRun, json } from '../../shared/options.js';
import type { HistoryPruneOptions } from './run.js';

export const command: CommandDefinition<HistoryPruneOptions> = {
  name: 'prune',
  description: 'help.history.prune',
  options: [{ flags: '--before <date|Nd>', description: 'help.opt.before', required: true }, dryRun, json],
  run: () => import('./run.js'),
};
