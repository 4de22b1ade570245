import type { HiManagerUser } from '../domain.js';
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
function readingOf(values: Record<string, string>): string | undefined {
  const whole = values.reading || [values.familyReading, values.givenReading].filter(Boolean).join(' ');
  const reading = whole.normalize('NFKC').replace(/[\s\u3000]+/g, ' ').trim();
  return reading || undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Parses and validates the whole file; either every user, or every problem with its line. */
export function parseUsersFile(path: string, text: string): { users: HiManagerUser[]; problems: Problem[] } {
  const { rows, columns } = readTable(path, text, USER_COLUMNS);
  const problems: Problem[] = [];
  for (const column of ['id', 'name', 'email']) {
    if (!columns.has(column)) problems.push({ line: 1, key: 'table.missingColumn', params: { column, aliases: [column, ...USER_COLUMNS[column]!].join(' / ') } });
  }
  if (problems.length) return { users: [], problems };
  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const users: HiManagerUser[] = [];
  for (const { line, values } of rows) {
    const id = values.id ?? '';
    const name = values.name ?? '';
    const email = (values.email ?? '').normalize('NFKC').toLowerCase();
    if (!id) problems.push({ line, key: 'table.empty.field', params: { field: 'id' } });
    if (!name) problems.push({ line, key: 'table.empty.field', params: { field: 'name' } });
    if (!email) problems.push({ line, key: 'table.empty.field', params: { field: 'email' } });
    else if (!EMAIL.test(email)) problems.push({ line, key: 'users.badEmail', params: { value: values.email ?? '' } });
    if (id && seenIds.has(id)) problems.push({ line, key: 'table.duplicate', params: { field: 'id', value: id, first: seenIds.get(id)! } });
    if (email && seenEmails.has(email)) problems.push({ line, key: 'table.duplicate', params: { field: 'email', value: email, first: seenEmails.get(email)! } });
    if (id && !seenIds.has(id)) seenIds.set(id, line);
    if (email && !seenEmails.has(email)) seenEmails.set(email, line);
    const user: HiManagerUser = { id, name, email };
    if (values.department) user.department = values.department;
    const reading = readingOf(values);
    if (reading) user.reading = reading;
    users.push(user);
  }
  if (users.length === 0 && problems.length === 0) problems.push({ line: 1, key: 'users.none' });
  return { users: problems.length ? [] : users, problems };
}
