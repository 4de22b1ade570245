import type { Deps } from '../../deps/deps.js';
import { invite, type InviteRequest } from '../../flows/invite.js';

export type InviteOptions = InviteRequest;

export async function run(options: InviteOptions, deps: Deps): Promise<number> {
  return invite(deps, options);
}
