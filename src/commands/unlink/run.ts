import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { withdrawStaleHeld } from '../../delivery/held.js';
import { removeLinks } from '../../linking/write-links.js';

export interface UnlinkOptions { user: string }

export async function run(options: UnlinkOptions, deps: Deps): Promise<void> {
  const store = await deps.stores.state();
  // A link may outlive its user (removed by an import), so the reference is matched against links too.
  const direct = await store.links.byUserIds([options.user]);
  const userId = direct.size ? options.user : (await store.users.find(options.user))?.id;
  const removed = userId ? await removeLinks(store, [userId], { reason: 'unlinked', at: new Date(deps.clock.now()).toISOString() }) : [];
  if (!userId || removed.length === 0) throw new UsageError('unlink.notLinked', { user: options.user });
  deps.io.err(deps.t('unlink.done', { user: userId }));
  // Whatever was held for them goes nowhere now: not into the direct chat of the account they had.
  const withdrawn = await withdrawStaleHeld(store, deps.clock.now());
  if (withdrawn) deps.io.err(deps.t('inputs.withdrawn', { count: withdrawn }));
}
