import type { EmploymentStatus } from '../domain.js';
import { isCalendarDate } from '../text/time.js';
import type { LeavePeriod } from '../store/repos/leave.js';
import type { Problem } from './table-file.js';

/** A leave a users file gives: its columns 休職開始日 / 休職終了日 (leave_from / leave_until), or a status that says on leave. */
export type DirectoryLeave = Pick<LeavePeriod, 'userId' | 'from' | 'until' | 'reason'>;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/**
 * One row's leave. The dates win when there are any: a first day alone is a leave with no end
 * yet; a last day alone started `today`. With no dates, a status that says on leave (休職中,
 * 育休, 産休…) is a leave from `today` with no end: it lasts until a file says otherwise.
 */
export function leaveOfRow(values: Record<string, unknown>, status: EmploymentStatus | undefined, today: string | undefined):
  { period?: Omit<DirectoryLeave, 'userId'>; problems: Omit<Problem, 'line'>[] } {
  const [fromCell, untilCell] = [text(values.leaveFrom), text(values.leaveUntil)];
  const problems: Omit<Problem, 'line'>[] = [];
  for (const [field, cell] of [['leave_from', fromCell], ['leave_until', untilCell]] as const) {
    if (cell !== '' && !isCalendarDate(cell)) problems.push({ key: 'users.badLeaveDate', params: { field, value: cell } });
  }
  if (problems.length) return { problems };
  const reasonCell = text(values.leaveReason);
  const statusWord = status === 'on-leave' ? text(values.status) : '';
  const reason = (reasonCell || statusWord).slice(0, 255) || undefined;
  if (fromCell === '' && untilCell === '') {
    return status === 'on-leave' && today ? { period: { from: today, ...(reason ? { reason } : {}) }, problems } : { problems };
  }
  // Only a last day, and it is past: the leave is over.
  if (fromCell === '' && today !== undefined && untilCell < today) return { problems };
  const from = fromCell || today;
  if (!from) return { problems };
  if (untilCell !== '' && untilCell < from) return { problems: [{ key: 'users.leaveUntilBeforeFrom', params: { from, until: untilCell } }] };
  return { period: { from, ...(untilCell ? { until: untilCell } : {}), ...(reason ? { reason } : {}) }, problems };
}
