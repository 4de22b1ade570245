import { UsageError } from '../errors/index.js';
import type { Store } from './store.js';

/** A target that already holds state is only written with --force. */
export async function assertEmpty(store: Store): Promise<void> {
  const stats = await store.stats();
  if (stats.users + stats.links + stats.deliveries + stats.runs > 0) {
    throw new UsageError('state.targetNotEmpty', { location: store.info.location, users: stats.users, deliveries: stats.deliveries });
  }
}

/** The counts a copy must reproduce exactly. */
export async function countsOf(store: Store): Promise<Record<string, number>> {
  const { sizeBytes: _size, ...counts } = await store.stats();
  return counts;
}
