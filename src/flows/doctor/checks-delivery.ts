import { calendarOf } from '../../calendar/calendar.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { ok, warn, type Check, type Finding } from './finding.js';
import { TOO_LONG } from '../../delivery/too-long.js';

/** Past these, doctor suggests `history prune`: the keys stay, bodies and details go. */
const LARGE_HISTORY = 2_000_000;
const LARGE_STORE_BYTES = 1_000_000_000;

/** The ledger and the last runs, the send window cron runs in, and the run lock. */
export const DELIVERY_CHECKS: Check[] = [
  {
    id: 'ledger', area: 'delivery', async run(ctx) {
      const store = await ctx.store();
      const [stats, runs, tooLong] = await Promise.all([store.stats(), store.deliveries.recentRuns(1), store.deliveries.failedPairs(TOO_LONG, 3)]);
      const found: Finding[] = [ok('doctor.ledger.ok', { path: store.info.location, sent: stats.deliveries })];
      if (stats.inFlight) found.push(warn('doctor.ledger.inFlight', { count: stats.inFlight }, 'doctor.fix.rerun'));
      // Final: no run will send these, so only doctor and history say they are missing.
      if (tooLong.count) {
        found.push(warn('doctor.ledger.tooLong', { count: tooLong.count, examples: tooLong.pairs.map(([reminderId, userId]) => `${reminderId} → ${userId}`).join(', ') }, 'doctor.fix.tooLong'));
      }
      if (stats.deliveries > LARGE_HISTORY || stats.sizeBytes > LARGE_STORE_BYTES) {
        found.push(warn('doctor.history.large', { deliveries: stats.deliveries, megabytes: Math.round(stats.sizeBytes / 1e6) }, 'doctor.fix.prune'));
      }
      const last = runs.at(-1);
      if (!last) found.push(ok('doctor.run.never'));
      else {
        const params = { at: last.at, delivered: last.delivered, failed: last.failed, skipped: last.skipped, code: last.exitCode };
        // A last run that exited 3 is a problem: the cron check (checks-runs.ts) says what it counted.
        if (last.exitCode === 0) found.push(ok('doctor.run.ok', params));
      }
      return found;
    },
  },
  {
    id: 'send-window', area: 'delivery', async run(ctx) {
      const store = await ctx.store();
      const [outbox, runs, settings] = await Promise.all([store.deliveries.outbox(), store.deliveries.recentRuns(10), ctx.settings()]);
      const { loadHolidays, inWindow } = await import('../../calendar/calendar.js');
      const calendar = calendarOf(settings);
      const holidays = await loadHolidays();
      const now = ctx.deps.clock.now();
      const overdue = outbox.filter((entry) => entry.deferred && entry.deferred.until < now - 3_600_000);
      const defers = NOTIFICATION_TYPES.some((type) => calendar.policy[type] === 'defer');
      const alwaysOutside = defers && runs.length >= 2 && runs.every((run) => !inWindow(run.startedAt, calendar, holidays));
      if (overdue.length || alwaysOutside) {
        // Nothing waiting yet: the schedule is still wrong, but no count of 0 to alarm anyone.
        return warn(outbox.length ? 'doctor.window.outside' : 'doctor.window.outsideNone', { runs: runs.length, deferred: outbox.length, window: `${calendar.window.start}-${calendar.window.end} ${calendar.timeZone}` },
          'doctor.fix.cronWindow', { start: Number(calendar.window.start.slice(0, 2)) });
      }
      return ok('doctor.window.ok', { deferred: outbox.length });
    },
  },
  {
    id: 'lock', area: 'delivery', async run(ctx) {
      const holder = await (await ctx.store()).locks.runHolder();
      if (!holder) return ok('doctor.lock.none');
      const params = { host: holder.owner.host, pid: holder.owner.pid, since: holder.owner.since };
      if (holder.stale) return warn('doctor.lock.stale', params, 'doctor.fix.staleLock');
      return ok('doctor.lock.running', params);
    },
  },
];
