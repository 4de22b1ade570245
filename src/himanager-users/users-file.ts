import type { HiManagerUser } from '../domain.js';
import { validateRecord, userRecord } from '../validation/records.js';
import { readTable, type Problem } from './table-file.js';

export const USER_COLUMNS: Record<string, string[]> = {
  id: ['ユーザーID', 'ユーザID', '社員番号', '従業員番号', 'user id', 'employee id'],
  name: ['氏名', '名前', '姓名', 'full name'],
  email: ['メールアドレス', 'メール', 'e-mail', 'mail'],
  department: ['部署', '所属', '部門', 'dept'],
  // The reading (フリガナ), whole or as family and given name; hiragana, katakana or half-width kana.
  reading: ['フリガナ', 'ふりがな', '氏名カナ', '氏名(カナ)', 'カナ', 'かな', 'よみがな', 'kana', 'name kana'],
  familyReading: ['姓カナ', '姓(カナ)', 'セイ', 'family name kana', 'last name kana'],
  givenReading: ['名カナ', '名(カナ)', 'メイ', 'given name kana', 'first name kana'],
};

/** The reading as one string, family name first; NFKC turns half-width kana full-width. */
function readingOf(values: Record<string, unknown>): string | undefined {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const whole = text(values.reading) || [text(values.familyReading), text(values.givenReading)].filter(Boolean).join(' ');
  const reading = whole.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim();
  return reading || undefined;
}

/** Parses and validates the whole file; either every user, or every problem with its line and field. */
export function parseUsersFile(path: string, text: string): { users: HiManagerUser[]; problems: Problem[] } {
  const { rows, columns, problems } = readTable(path, text, USER_COLUMNS);
  for (const column of ['id', 'name', 'email']) {
    if (!columns.has(column)) problems.push({ line: 1, key: 'table.missingColumn', params: { column, aliases: [column, ...USER_COLUMNS[column]!].join(' / ') } });
  }
  if (problems.length) return { users: [], problems };
  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const users: HiManagerUser[] = [];
  for (const { line, values } of rows) {
    // A blank cell is an absent department, not an empty one.
    const { value: user, problems: found } = validateRecord(userRecord, { ...values, department: values.department || undefined });
    for (const problem of found) problems.push({ line, ...problem });
    if (!user) continue;
    const { id, email } = user;
    if (seenIds.has(id)) problems.push({ line, key: 'table.duplicate', params: { field: 'id', value: id, first: seenIds.get(id)! } });
    if (seenEmails.has(email)) problems.push({ line, key: 'table.duplicate', params: { field: 'email', value: email, first: seenEmails.get(email)! } });
    if (!seenIds.has(id)) seenIds.set(id, line);
    if (!seenEmails.has(email)) seenEmails.set(email, line);
    const entry: HiManagerUser = { id, name: user.name, email };
    if (user.department) entry.department = user.department;
    const reading = readingOf(values);
    if (reading) entry.reading = reading;
    users.push(entry);
  }
  if (users.length === 0 && problems.length === 0) problems.push({ line: 1, key: 'users.none' });
  return { users: problems.length ? [] : users, problems };
}
