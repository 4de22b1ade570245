import type { Deps } from '../../deps.js';
import { invite } from '../../invite/invite.js';
import type { InviteOptions } from './command.js';

export async function run(options: InviteOptions, deps: Deps): Promise<number> {
  return invite(deps, options);
}
