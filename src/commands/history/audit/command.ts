import type { CommandDefinition } from '../../../cli/definition.js';
import { json } from '../../shared/options.js';
import type { HistoryAuditOptions } from './run.js';

export const command: CommandDefinition<HistoryAuditOptions> = {
  name: 'audit',
  description: 'help.history.audit',
  options: [
    { flags: '--since <date>', description: 'help.opt.since' },
    { flags: '--user <id>', description: 'help.opt.auditSubject' },
    { flags: '--limit <n>', description: 'help.opt.limit' },
    json,
  ],
  run: () => import('./run.js'),
};
