import { zonedInstant } from '../calendar/calendar.js';
import { UsageError } from '../errors.js';

/**
 * A point in time from the command line: `2026-11-01` (midnight in the configured time zone),
 * a full ISO 8601 time, or `400d` (that many days before now).
 */
export function parseWhen(value: string, flag: string, now: number, timeZone: string): number {
  const text = value.trim();
  const days = /^(\d{1,5})d$/.exec(text);
  if (days) return now - Number(days[1]) * 86_400_000;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return zonedInstant(text, 0, timeZone);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  throw new UsageError('history.badDate', { flag, value });
}
