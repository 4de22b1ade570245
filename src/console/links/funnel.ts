import type { Deps } from '../../deps.js';
import type { LinksModel } from './model.js';
import type { Funnel } from './view.js';

const DAYS_30 = 30 * 24 * 60 * 60 * 1000;

/**
 * How many of the directory's people can be reached: in the directory (not retired) → found among
 * the account's Chatwork contacts (linked to one, or with a candidate) → linked → delivered to in
 * the last 30 days (the delivery history).
 */
export async function reach(deps: Deps, model: LinksModel): Promise<Funnel> {
  const active = model.rows.filter((row) => row.state !== 'retired');
  const activeIds = new Set(active.map((row) => row.user.id));
  const delivered = new Set<string>();
  const store = await deps.stores.state();
  for await (const row of store.history.query({ since: deps.clock.now() - DAYS_30, status: 'delivered' })) {
    if (activeIds.has(row.userId)) delivered.add(row.userId);
  }
  return {
    directory: active.length,
    contacts: active.filter((row) => row.contact || row.candidates.length).length,
    linked: active.filter((row) => row.state === 'linked').length,
    delivered: delivered.size,
  };
}
