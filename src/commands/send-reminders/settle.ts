import type { ChatworkApi } from '../../chatwork/client/index.js';
import type { Deps } from '../../deps/deps.js';
import { settleInFlight, type Settled } from '../../delivery/settle-in-flight.js';
import { deliveryOf } from '../../delivery/outbox.js';
import type { Outcome } from '../../delivery/send-outcome.js';
import type { Store } from '../../store/store.js';

/**
 * Before planning, under the lock and after the successor's wait: every delivery an earlier run
 * left in flight is looked for in its own room (found: delivered; not there: closed, planned
 * again; room unreadable: its people are skipped this run). Says what it found.
 */
export async function settleEarlierRuns(deps: Deps, store: Store, api: ChatworkApi, ownAccountId: number, generation: number | undefined): Promise<Settled> {
  const { io, t, clock } = deps;
  const entries = await store.deliveries.inFlight();
  if (!entries.length) return { found: [], closed: [], unsettled: [] };
  const links = await store.links.byUserIds([...new Set(entries.filter((e) => e.kind === 'task').flatMap((e) => e.pairs.map(([, userId]) => userId)))]);
  const settled = await settleInFlight(entries, { api, ledger: store.deliveries, clock, ownAccountId, generation, links });
  const counts = { found: settled.found.length, closed: settled.closed.length, unsettled: settled.unsettled.length };
  io.err(t('inflight.settled', { count: entries.length, ...counts }));
  if (counts.unsettled) io.err(t('inflight.unsettled', { count: counts.unsettled, rooms: [...new Set(settled.unsettled.map((e) => e.roomId))].join(', ') }));
  return settled;
}

/** The deliveries found in their rooms, as this run's outcomes: delivered, reconciled (for the summary, --json and the exit policy). */
export function settledOutcomes(settled: Settled | undefined): Outcome[] {
  return (settled?.found ?? []).map((entry) => ({
    kind: 'delivered', how: 'reconciled', messageId: entry.messageId ?? (entry.taskIds ?? []).join(','),
    delivery: deliveryOf(entry, '', entry.type ?? entry.deferred?.type ?? 'survey'),
  }));
}
