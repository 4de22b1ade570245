import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';

export interface UnlinkOptions { user: string }

export async function run(options: UnlinkOptions, deps: Deps): Promise<void> {
  const settings = await deps.stores.settings();
  const current = settings.read();
  // A link may outlive its user (removed by an import), so the reference is matched against links too.
  const email = options.user.normalize('NFKC').toLowerCase();
  const userId = current.links[options.user] ? options.user : current.users.find((u) => u.email === email)?.id;
  if (!userId || !current.links[userId]) throw new UsageError('unlink.notLinked', { user: options.user });
  settings.update((s) => { delete s.links[userId]; });
  deps.io.err(deps.t('unlink.done', { user: userId }));
}
