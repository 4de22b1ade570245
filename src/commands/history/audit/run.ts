import { calendarOf } from '../../../calendar/calendar.js';
import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { parseWhen } from '../../../state/dates.js';
import type { AuditQuery } from '../../../store/store.js';
import { describeAudit, placeText } from '../../../audit/describe.js';

export interface HistoryAuditOptions { since?: string; user?: string; limit?: string; json?: boolean }

/** Who changed links, decisions, destinations, templates and settings, when, from the CLI or the console; newest first. */
export async function run(options: HistoryAuditOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  const store = await deps.stores.state();
  const query: AuditQuery = {};
  if (options.since) query.since = new Date(parseWhen(options.since, '--since', clock.now(), calendarOf(await store.config.get()).timeZone)).toISOString();
  if (options.user) query.subject = options.user.trim();
  const limit = options.limit === undefined ? 100 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('history.badLimit', { value: options.limit ?? '' });
  if (limit > 0) query.limit = limit;
  const entries = await store.audit.list(query);
  for (const entry of entries) {
    if (options.json) io.out(JSON.stringify({ ...entry, at: deps.time.iso(entry.at) }));
    else io.out(t('audit.line', { at: entry.at, who: entry.who, where: placeText(entry, t), what: describeAudit(entry, t) }));
  }
  if (!options.json) io.err(t(entries.length === limit && limit > 0 ? 'history.moreMaybe' : 'history.runs.count', { count: entries.length }));
}
