import type { CommandDefinition } from '../definition.js';
import { dryRun, json, maxInputSize, ping } from '../shared/options.js';
import type { SendRemindersOptions } from './run.js';

export const command: CommandDefinition<SendRemindersOptions> = {
  name: 'send-reminders',
  description: 'help.sendReminders',
  options: [
    { flags: '--input <file|url|->', description: 'help.opt.input' },
    { flags: '--header <header>', description: 'help.opt.header', parse: collect },
    dryRun,
    { flags: '--at <time>', description: 'help.opt.dryRunAt' },
    { flags: '--now', description: 'help.opt.now' },
    { flags: '--allow-empty', description: 'help.opt.allowEmpty' },
    maxInputSize,
    // Single-valued: given twice is a usage error, as every such option (src/cli/once.ts).
    { flags: '--fail-on <list>', description: 'help.opt.failOn' },
    ping,
    { flags: '--no-digest', description: 'help.opt.noDigest' },
    { flags: '--confirm-answered', description: 'help.opt.confirmAnswered' },
    json,
  ],
  run: () => import('./run.js'),
};

/** `--header` may be given again for each header. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
