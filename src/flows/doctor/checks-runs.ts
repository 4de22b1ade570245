import { UsageError } from '../../errors/index.js';
import type { Translate } from '../../i18n/translate.js';
import { ok, warn, type Check } from './finding.js';

/** cron every 30 minutes on working days: a long weekend is still under three days. */
export const DEFAULT_MAX_RUN_AGE_MS = 3 * 86_400_000;
const UNITS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** `2d`, `36h`, `90m`. */
export function parseMaxRunAge(value: string): number {
  const match = /^\s*(\d+)\s*([dhm])\s*$/.exec(value);
  if (!match || Number(match[1]) === 0) throw new UsageError('doctor.badMaxRunAge', { value });
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** "3 days", "5 hours": the largest whole unit. */
function ageInWords(ms: number, t: Translate): string {
  if (ms >= UNITS.d!) return t('doctor.age.days', { count: Math.floor(ms / UNITS.d!) });
  if (ms >= UNITS.h!) return t('doctor.age.hours', { count: Math.floor(ms / UNITS.h!) });
  return t('doctor.age.minutes', { count: Math.max(0, Math.floor(ms / UNITS.m!)) });
}

/**
 * The runs on record: a dead man's switch of its own (no send-reminders run finished lately:
 * cron looks stopped), and the last run's exit 3 as a problem with what it counted.
 */
export const RUN_CHECKS: Check[] = [
  {
    id: 'cron', area: 'delivery', async run(ctx) {
      const store = await ctx.store();
      const last = await store.runs.lastFinished('send-reminders');
      // Never run: the ledger check says so; nothing to call stopped yet.
      if (!last) return [];
      const { t, clock } = ctx.deps;
      const max = ctx.options.maxRunAgeMs ?? DEFAULT_MAX_RUN_AGE_MS;
      const age = clock.now() - last.endedAt;
      const found = [];
      if (age > max) {
        found.push(warn('doctor.cron.stale', { ago: ageInWords(age, t), at: last.endedAt, max: ageInWords(max, t) }, 'doctor.fix.cronStopped'));
      } else found.push(ok('doctor.cron.ok', { at: last.endedAt }));
      if (last.exitCode !== 0) {
        const count = (key: string) => (typeof last.counts[key] === 'number' ? last.counts[key] : 0);
        found.push(warn('doctor.cron.lastFailed', { at: last.endedAt, code: last.exitCode, failed: count('failed'), newSkips: count('newSkips') }, 'doctor.fix.lastRun'));
      }
      return found;
    },
  },
];
