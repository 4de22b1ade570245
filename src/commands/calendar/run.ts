import { addDays, dayStatus, loadHolidays, localTime, nextWindowStart, parseClock, type CalendarSettings, type Policy } from '../../calendar/calendar.js';
import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { formatTable } from '../../io/table.js';
import { calendarOf } from '../../calendar/calendar.js';
import { parseType } from '../shared/parse.js';
import { isCalendarDate } from '../../text/time.js';

export interface CalendarOptions { action?: string; args?: string[]; days?: string; json?: boolean }

const WEEKDAYS = { ja: ['日', '月', '火', '水', '木', '金', '土'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/** calendar show|set|add-closure|remove-closure: the business calendar and the send window. */
export async function run(options: CalendarOptions, deps: Deps): Promise<void> {
  const action = options.action ?? 'show';
  const args = options.args ?? [];
  if (action === 'show') return show(options, deps);
  if (action !== 'set' && action !== 'add-closure' && action !== 'remove-closure') throw new UsageError('calendar.badAction', { value: action });
  // The change is applied to what the store holds at write time: a concurrent change is kept.
  await (await deps.stores.state()).config.update((s) => {
    const calendar = calendarOf(s);
    if (action === 'set') set(calendar, args);
    else changeClosure(calendar, action, args);
    s.calendar = calendar;
  });
  deps.io.err(deps.t('calendar.saved'));
  return show({ ...options, days: options.days ?? '7' }, deps);
}

async function show(options: CalendarOptions, deps: Deps): Promise<void> {
  const { io, t, clock, env } = deps;
  const days = options.days === undefined ? 14 : Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError('calendar.badDays', { value: options.days ?? '' });
  const calendar = calendarOf(await (await deps.stores.state()).config.get());
  const holidays = await loadHolidays();
  const now = clock.now();
  const today = localTime(now, calendar.timeZone).date;
  const statuses = Array.from({ length: days }, (_, i) => dayStatus(addDays(today, i), calendar, holidays, env.lang));
  const next = nextWindowStart(now, calendar, holidays);
  if (options.json) return io.json({ ...calendar, nextWindowStart: deps.time.iso(next), days: statuses });
  io.out(t('calendar.summary', {
    tz: calendar.timeZone, start: calendar.window.start, end: calendar.window.end,
    weekends: t(calendar.weekendsOff ? 'calendar.off' : 'calendar.on'), holidays: t(calendar.holidays ? 'calendar.off' : 'calendar.on'),
    closures: [...calendar.closures, ...calendar.extraDates].join(', ') || '-',
  }));
  const policy = (p: Policy) => t(`calendar.policy.${p}` as MessageKey);
  io.out(t('calendar.policies', { praise: policy(calendar.policy.praise), survey: policy(calendar.policy.survey), update: policy(calendar.policy['update-survey']) }));
  io.out(t(next === now ? 'calendar.openNow' : 'calendar.nextOpen', { at: next }));
  const rows = statuses.map((day) => [
    `${day.date} (${WEEKDAYS[env.lang][day.weekday]})`,
    day.business ? t('calendar.business') : t('calendar.closed'),
    day.reason?.kind === 'holiday' ? day.reason.name : day.reason ? t(`calendar.reason.${day.reason.kind}` as MessageKey, { range: day.reason.kind === 'closure' ? day.reason.range : '' }) : '',
  ]);
  for (const line of formatTable(t('calendar.columns').split('|'), rows)) io.out(line);
}

function set(calendar: CalendarSettings, args: string[]): void {
  const [key, ...rest] = args;
  const value = rest.join(' ');
  if (!key || !value) throw new UsageError('calendar.setUsage');
  switch (key) {
    case 'timezone': case 'time-zone': {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: value });
      } catch {
        throw new UsageError('calendar.badTimeZone', { value });
      }
      calendar.timeZone = value;
      return;
    }
    case 'window': {
      const [start, end] = value.split('-');
      const from = parseClock(start ?? '');
      const to = parseClock(end ?? '');
      if (from === undefined || to === undefined || from >= to) throw new UsageError('calendar.badWindow', { value });
      calendar.window = { start: start!, end: end! };
      return;
    }
    case 'weekends': case 'holidays': {
      if (value !== 'off' && value !== 'on') throw new UsageError('calendar.badOnOff', { key, value });
      if (key === 'weekends') calendar.weekendsOff = value === 'off';
      else calendar.holidays = value === 'off';
      return;
    }
    default: {
      const policy = /^policy\.(.+)$/.exec(key);
      if (!policy) throw new UsageError('calendar.badKey', { value: key });
      if (!['send', 'defer', 'skip'].includes(value)) throw new UsageError('calendar.badPolicy', { value });
      calendar.policy[parseType(policy[1]!)] = value as Policy;
    }
  }
}

function changeClosure(calendar: CalendarSettings, action: string, args: string[]): void {
  const range = args[0];
  if (!range || args.length > 1) throw new UsageError('calendar.closureUsage');
  const yearly = /^\d{2}-\d{2}(\.\.\d{2}-\d{2})?$/.test(range);
  const once = /^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/.test(range);
  const valid = (yearly || once) && range.split('..').every((part) => isCalendarDate(once ? part : `2024-${part}`));
  if (!valid) throw new UsageError('calendar.badClosure', { value: range });
  const list = yearly ? calendar.closures : calendar.extraDates;
  if (action === 'add-closure') {
    if (!list.includes(range)) list.push(range);
    return;
  }
  const index = list.indexOf(range);
  if (index < 0) throw new UsageError('calendar.noSuchClosure', { value: range, existing: [...calendar.closures, ...calendar.extraDates].join(', ') || '-' });
  list.splice(index, 1);
}

