import type { Deps } from '../../deps/deps.js';
import { invite, type InviteRequest } from '../../invite/invite.js';

export type InviteOptions = InviteRequest;

export async function run(options: InviteOptions, deps: Deps): Promise<number> {
  return invite(deps, options);
}
