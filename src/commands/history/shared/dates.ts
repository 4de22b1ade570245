import { UsageError } from '../../../errors/index.js';
import { parseUserInstant } from '../../../text/time.js';

/**
 * A point in time from the command line: `2026-11-01` (midnight in the configured time zone),
 * a date-time (read in that zone unless it carries an offset), or `400d` (that many days
 * before now). A date that does not exist (2026-02-31) is refused, never rolled over.
 */
export function parseWhen(value: string, flag: string, now: number, timeZone: string): number {
  const text = value.trim();
  const days = /^(\d{1,5})d$/.exec(text);
  if (days) return now - Number(days[1]) * 86_400_000;
  const at = parseUserInstant(text, timeZone);
  if (at === undefined) throw new UsageError('history.badDate', { flag, value });
  return at;
}
