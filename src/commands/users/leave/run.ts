import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { tableLines } from '../../../io/table.js';
import { isCalendarDate } from '../../../text/time.js';
import { decidedBy } from '../../../linking/write-links.js';
import type { LeavePeriod, Store } from '../../../store/store.js';
import { MAX_NAME } from '../../../validation/records.js';

export interface UsersLeaveOptions { user?: string; from?: string; until?: string; reason?: string; clear?: boolean; json?: boolean }

/** One line of text a person may give as the reason: no control character, not too long. */
const REASON_UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/**
 * `users leave <user> --from … --until …` records a leave (no reminders in between, both days
 * included); `--clear` ends every leave of that person (the next `users sync` may set the
 * directory's again); without a user, every leave is listed. Bad input changes nothing (exit 2).
 */
export async function run(options: UsersLeaveOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const setting = options.from !== undefined || options.until !== undefined || options.reason !== undefined;
  if (!options.user) {
    if (setting || options.clear) throw new UsageError('leave.needUser');
    return list(deps, await deps.stores.state(), options.json === true);
  }
  if (options.clear && setting) throw new UsageError('leave.clearWithDates');
  const period = setting ? checkedPeriod(options) : undefined;
  const store = await deps.stores.state();
  const user = await store.users.find(options.user);
  if (!user) throw new UsageError('leave.unknownUser', { user: options.user });
  const who = `${user.name} (${user.id})`;
  if (options.clear) {
    const cleared = await store.leave.clear(user.id);
    if (options.json) return io.json({ userId: user.id, cleared });
    return io.err(t(cleared ? 'leave.cleared' : 'leave.noneToClear', { user: who }));
  }
  if (!period) return list(deps, store, options.json === true, user.id);
  const written: LeavePeriod = {
    userId: user.id, ...period, source: 'command', setAt: new Date(deps.clock.now()).toISOString(), setBy: decidedBy(deps.run),
  };
  await store.leave.set(written);
  if (options.json) return io.json(written);
  io.err(t('leave.set', { user: who, from: period.from, until: period.until }));
}

/** The dates and reason as given, or the usage error that names the flag. */
function checkedPeriod(options: UsersLeaveOptions): Pick<LeavePeriod, 'from' | 'until' | 'reason'> & { until: string } {
  if (options.from === undefined || options.until === undefined) throw new UsageError('leave.needBoth');
  for (const [flag, value] of [['--from', options.from], ['--until', options.until]] as const) {
    if (!isCalendarDate(value.trim())) throw new UsageError('leave.badDate', { flag, value });
  }
  const [from, until] = [options.from.trim(), options.until.trim()];
  if (until < from) throw new UsageError('leave.untilBeforeFrom', { from, until });
  const reason = options.reason?.trim();
  if (reason !== undefined && (REASON_UNSAFE.test(reason) || reason.length > MAX_NAME)) throw new UsageError('leave.badReason', { max: MAX_NAME });
  return { from, until, ...(reason ? { reason } : {}) };
}

async function list(deps: Deps, store: Store, json: boolean, userId?: string): Promise<void> {
  const { io, t } = deps;
  const periods = userId ? (await store.leave.byUserIds([userId])).get(userId) ?? [] : await store.leave.all();
  if (json) return io.json(periods);
  if (!periods.length) return io.err(t('leave.none'));
  const names = await store.users.byIds([...new Set(periods.map((p) => p.userId))]);
  const rows = periods.map((p) => [p.userId, names.get(p.userId)?.name ?? '', p.from, p.until ?? t('leave.openEnded'), p.reason ?? '', t(`leave.source.${p.source}`)]);
  await io.lines(tableLines(t('leave.columns').split('|'), rows));
}
