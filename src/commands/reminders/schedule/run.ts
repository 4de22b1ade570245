import type { Deps } from '../../../deps/deps.js';
import { NOTIFICATION_TYPES, type FollowUpSetting, type NotificationType } from '../../../domain.js';
import { DEFAULT_GAP_HOURS } from '../../../delivery/rounds.js';
import { UsageError } from '../../../errors/index.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { formatTable } from '../../../io/table.js';

export interface ScheduleOptions { type?: string; daysBefore?: string; gap?: string; off?: boolean; json?: boolean }

/**
 * `reminders schedule`: lists the follow-up schedules; with a type, sets (`--days-before 3,1,0
 * [--gap 20h]`) or clears (`--off`) one. Every flag is checked before anything is written.
 */
export async function run(options: ScheduleOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (options.type === undefined) {
    const flag = options.off ? '--off' : options.daysBefore !== undefined ? '--days-before' : options.gap !== undefined ? '--gap' : undefined;
    if (flag) throw new UsageError('schedule.typeNeeded', { flag });
    return list(options, deps);
  }
  const type = parseScheduleType(options.type);
  if (type === 'praise') throw new UsageError('schedule.praise');
  if (options.off && (options.daysBefore !== undefined || options.gap !== undefined)) throw new UsageError('schedule.offAndDays');
  if (!options.off && options.daysBefore === undefined) throw new UsageError('schedule.needWhat', { type });
  const store = await deps.stores.state();
  if (options.off) {
    let had = false;
    await store.config.update((config) => {
      had = config.followUps?.[type] !== undefined;
      if (config.followUps) delete config.followUps[type];
      if (config.followUps && Object.keys(config.followUps).length === 0) delete config.followUps;
    });
    if (options.json) return io.json({ type, schedule: null });
    io.out(t(had ? 'schedule.cleared' : 'schedule.wasNone', { type }));
    return;
  }
  const setting: FollowUpSetting = { daysBefore: parseDaysBefore(options.daysBefore!), gapHours: options.gap === undefined ? DEFAULT_GAP_HOURS : parseGap(options.gap) };
  await store.config.update((config) => { config.followUps = { ...config.followUps, [type]: setting }; });
  if (options.json) return io.json({ type, schedule: setting });
  io.out(t('schedule.set', { type, days: setting.daysBefore.join(','), gap: setting.gapHours }));
}

async function list(options: ScheduleOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const followUps = (await (await deps.stores.state()).config.get()).followUps ?? {};
  if (options.json) return io.json(Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, followUps[type] ?? null])));
  const rows = NOTIFICATION_TYPES.map((type) => {
    const schedule = followUps[type];
    return [t(`type.${type}` as MessageKey), schedule ? schedule.daysBefore.join(',') : t('schedule.none'), schedule ? t('schedule.gapHours', { hours: schedule.gapHours }) : '-'];
  });
  for (const line of formatTable(t('schedule.columns').split('|'), rows)) io.out(line);
  if (NOTIFICATION_TYPES.every((type) => !followUps[type])) io.err(t('schedule.hint'));
}

function parseScheduleType(text: string): NotificationType {
  const type = text.trim().toLowerCase().replace('_', '-');
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) throw new UsageError('schedule.badType', { value: text });
  return type as NotificationType;
}

/** `3,1,0`: whole days 0..365, each once, largest first. */
function parseDaysBefore(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const bad = parts.length === 0 || parts.length > 31 || parts.some((part) => !/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 365);
  const days = parts.map(Number);
  if (bad || new Set(days).size !== days.length) throw new UsageError('schedule.badDays', { value: text });
  return days.sort((a, b) => b - a);
}

/** `20h` or `20`: whole hours, 0..8760. */
function parseGap(text: string): number {
  const match = /^\s*(0|[1-9][0-9]{0,3})\s*h?\s*$/i.exec(text);
  if (!match || Number(match[1]) > 8760) throw new UsageError('schedule.badGap', { value: text });
  return Number(match[1]);
}
