import type { HiManagerUser } from '../domain.js';
import { identifier, validateRecord, userRecord } from '../validation/records.js';
import { readTable, type Problem } from './table-file.js';
import { leaveOfRow, type DirectoryLeave } from './leave-columns.js';
import { acceptedHeaders, joinName, STATUS_ACCEPTED, statusOf, USER_COLUMNS } from './user-columns.js';


const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** The reading as one string, family name first; NFKC turns half-width kana full-width. */
function readingOf(values: Record<string, unknown>): string | undefined {
  const whole = text(values.reading) || [text(values.familyReading), text(values.givenReading)].filter(Boolean).join(' ');
  const reading = whole.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim();
  return reading || undefined;
}

/** 氏名 when the file has it, else 姓 and 名 joined (SmartHR, freee and most HR exports split the name). */
function nameOf(values: Record<string, unknown>): unknown {
  if (values.name !== undefined && text(values.name) !== '') return values.name;
  const joined = joinName(text(values.familyName), text(values.givenName));
  return joined || values.name;
}

const withManager = userRecord.extend({ managerId: identifier.optional() });

/**
 * Parses and validates the whole file; either every user, or every problem with its line and
 * field. `today` (the calendar's date) starts a leave the file gives no first day for.
 */
export function parseUsersFile(path: string, text_: string, today?: string): { users: HiManagerUser[]; problems: Problem[]; leaves: DirectoryLeave[] } {
  const { rows, columns, problems } = readTable(path, text_, USER_COLUMNS);
  const hasName = columns.has('name') || columns.has('familyName');
  for (const column of ['id', 'name', 'email'] as const) {
    if (column === 'name' ? !hasName : !columns.has(column)) problems.push({ line: 1, key: 'table.missingColumn', params: { column, aliases: acceptedHeaders(column) } });
  }
  if (problems.length) return { users: [], problems, leaves: [] };
  const leaves: DirectoryLeave[] = [];
  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const users: HiManagerUser[] = [];
  for (const { line, values } of rows) {
    // A blank cell is an absent department or manager, not an empty one.
    const { value: user, problems: found } = validateRecord(withManager, {
      ...values, name: nameOf(values), department: values.department || undefined, managerId: values.managerId || undefined,
    });
    for (const problem of found) problems.push({ line, ...problem });
    const status = statusOf(text(values.status));
    if (!status) problems.push({ line, key: 'users.badStatus', params: { value: text(values.status), accepted: STATUS_ACCEPTED } });
    const leave = leaveOfRow(values, status, today);
    for (const problem of leave.problems) problems.push({ line, ...problem });
    if (!user || !status) continue;
    if (leave.period) leaves.push({ userId: user.id, ...leave.period });
    const { id, email } = user;
    if (seenIds.has(id)) problems.push({ line, key: 'table.duplicate', params: { field: 'id', value: id, first: seenIds.get(id)! } });
    if (seenEmails.has(email)) problems.push({ line, key: 'table.duplicate', params: { field: 'email', value: email, first: seenEmails.get(email)! } });
    if (!seenIds.has(id)) seenIds.set(id, line);
    if (!seenEmails.has(email)) seenEmails.set(email, line);
    const entry: HiManagerUser = { id, name: user.name, email };
    if (user.department) entry.department = user.department;
    const reading = readingOf(values);
    if (reading) entry.reading = reading;
    if (status !== 'active') entry.status = status;
    if (user.managerId && user.managerId !== id) entry.managerId = user.managerId;
    users.push(entry);
  }
  if (users.length === 0 && problems.length === 0) problems.push({ line: 1, key: 'users.none' });
  return { users: problems.length ? [] : users, problems, leaves: problems.length ? [] : leaves };
}
