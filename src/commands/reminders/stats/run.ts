import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { parseCsvHeaderMode } from '../../../io/csv-headers.js';
import { statsOf } from './facts.js';
import { statsCsvHead, statsCsvRows, statsLines } from './render.js';

export interface StatsOptions { id?: string; json?: boolean; csv?: boolean; csvHeaders?: string }

/**
 * `reminders stats [<id>]`: per reminder id, how it went — people asked, messages per round,
 * answered after each round, still pending, skipped by reason, failed. Every reminder the
 * inputs showed, or the one asked for (exit 2 when the store knows nothing of it).
 */
export async function run(options: StatsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (options.json && options.csv) throw new UsageError('history.jsonOrCsv');
  const headers = parseCsvHeaderMode(options.csvHeaders);
  const store = await deps.stores.state();
  const all = await statsOf(store, options.id);
  if (options.id !== undefined && !all[0]!.asked && !all[0]!.pending && !all[0]!.answered && !Object.keys(all[0]!.skipped).length && !all[0]!.failed) {
    throw new UsageError('stats.unknown', { id: options.id });
  }
  if (options.json) return io.json({ reminders: all });
  if (options.csv) {
    io.out(statsCsvHead(headers, deps.env.lang));
    for (const stats of all) for (const row of statsCsvRows(stats)) io.out(row);
    return;
  }
  if (!all.length) return io.err(t('stats.none'));
  for (const stats of all) for (const line of statsLines(t, stats)) io.out(line);
}
