import type { CommandDefinition } from '../definition.js';
import { json, output } from '../shared/options.js';
import type { InviteOptions } from './run.js';

export const command: CommandDefinition<InviteOptions> = {
  name: 'invite',
  description: 'help.invite',
  options: [
    { flags: '--users <ids|emails|file>', description: 'help.opt.inviteUsers' },
    { flags: '--lang <lang>', description: 'help.opt.inviteLang' },
    { flags: '--format <format>', description: 'help.opt.format' },
    output,
    { flags: '--room <room_id>', description: 'help.opt.inviteRoom' },
    json,
  ],
  // --lang before or after `invite`: either way it is the invitation's language.
  toOptions: (parsed, command) => ({ ...parsed, lang: (parsed.lang ?? command.optsWithGlobals().lang) as string | undefined }),
  run: () => import('./run.js'),
};
