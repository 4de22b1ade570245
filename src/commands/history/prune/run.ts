import { calendarOf } from '../../../calendar/calendar.js';
import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { parseWhen } from '../shared/dates.js';

export interface HistoryPruneOptions { before?: string; dryRun?: boolean; json?: boolean }

/** Drops bodies and details of old deliveries; every (reminder, recipient) key stays, so nothing is ever sent twice. */
export async function run(options: HistoryPruneOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  if (!options.before) throw new UsageError('history.needBefore');
  const store = await deps.stores.state();
  const before = parseWhen(options.before, '--before', clock.now(), calendarOf(await store.config.get()).timeZone);
  const { deliveries } = await store.history.prune(before, { dryRun: options.dryRun === true });
  if (options.json) return io.json({ dryRun: options.dryRun === true, before: deps.time.iso(before), deliveries });
  io.err(t(options.dryRun ? 'history.pruneDry' : 'history.pruned', { count: deliveries, before }));
}
