import type { CommandDefinition } from '../definition.js';
import type { SandboxOptions } from './run.js';

export const command: CommandDefinition<SandboxOptions> = {
  name: 'sandbox',
  description: 'help.sandbox',
  options: [
    { flags: '--port <n>', description: 'help.opt.port' },
    { flags: '--seed <seed>', description: 'help.opt.seedName' },
    { flags: '--rate-limit <n/window>', description: 'help.opt.rateLimit' },
    { flags: '--room-post-limit <n/window>', description: 'help.opt.roomPostLimit' },
    { flags: '--auto-consent', description: 'help.opt.autoConsent' },
  ],
  run: () => import('./run.js'),
};
