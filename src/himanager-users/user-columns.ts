import type { EmploymentStatus } from '../domain.js';

/**
 * The headers a users file may have, per field: HiManager's own, and those of the common
 * Japanese HR systems' employee exports (docs/directory.md lists them with their sources).
 * Matched after NFKC, lower-casing and dropping spaces, `_` and `-`: `姓（カナ）` is `姓(カナ)`,
 * `Last Name` is `lastname`.
 */
export const USER_COLUMNS: Record<string, string[]> = {
  id: ['ユーザーID', 'ユーザID', '社員番号', '従業員番号', '社員コード', '従業員コード', 'スタッフコード', '社員ID', '従業員ID',
    'user id', 'employee id', 'employee number', 'employee no', 'employee code', 'staff code', 'staff id'],
  name: ['氏名', '名前', '姓名', '従業員名', '社員名', 'スタッフ名', 'full name', 'employee name'],
  familyName: ['姓', '苗字', '名字', 'last name', 'family name', 'surname'],
  givenName: ['名', 'first name', 'given name'],
  email: ['メールアドレス', 'メール', '会社メールアドレス', '業務用メールアドレス', 'ログインメールアドレス', 'e-mail', 'mail', 'email address', 'work email'],
  department: ['部署', '所属', '部門', '所属部署', '部署名', '部門名', '所属グループ', '部署1', 'dept', 'department'],
  // The reading (フリガナ), whole or as family and given name; hiragana, katakana or half-width kana.
  reading: ['フリガナ', 'ふりがな', '氏名カナ', '氏名(カナ)', '氏名(フリガナ)', 'カナ', 'かな', 'よみがな', 'kana', 'name kana'],
  familyReading: ['姓カナ', '姓(カナ)', '姓(フリガナ)', '姓(ヨミガナ)', '姓フリガナ', 'セイ', 'family name kana', 'last name kana', 'last name (kana)'],
  givenReading: ['名カナ', '名(カナ)', '名(フリガナ)', '名(ヨミガナ)', '名フリガナ', 'メイ', 'given name kana', 'first name kana', 'first name (kana)'],
  status: ['在籍状況', '在籍区分', '在籍ステータス', '在職状況', '雇用状態', 'ステータス', 'status', 'employment status'],
  // Leave (docs/leave-and-managers.md): both days included; a blank end is "not known yet".
  leaveFrom: ['休職開始日', '休業開始日', '休職開始', 'leave from', 'leave start', 'leave start date'],
  leaveUntil: ['休職終了日', '休業終了日', '休職終了', 'leave until', 'leave end', 'leave end date'],
  leaveReason: ['休職理由', '休職事由', '休業理由', 'leave reason'],
  managerId: ['上長ID', '上長社員番号', '上長従業員番号', '上司ID', '上司社員番号', 'manager id', 'manager employee id', 'supervisor id'],
};

const key = (value: string) => value.normalize('NFKC').toLowerCase().replace(/[\s_\-・]+/g, '');

/** The words each status is written with in the exports; a blank cell is active. */
const STATUS_WORDS: Record<EmploymentStatus, string[]> = {
  active: ['在籍', '在籍中', '在職', '在職中', '就業中', 'active', 'employed'],
  'on-leave': ['休職', '休職中', '休業', '休業中', '育休', '育休中', '育児休業', '育児休業中', '産休', '産休中', '産前産後休業', '介護休業', '介護休業中',
    'on leave', 'leave', 'on-leave', 'parental leave', 'maternity leave'],
  retired: ['退職', '退職済', '退職済み', '退職者', '離職', 'retired', 'left', 'terminated'],
};
const STATUS_BY_WORD = new Map(Object.entries(STATUS_WORDS).flatMap(([status, words]) => words.map((word) => [key(word), status as EmploymentStatus])));
export const STATUS_ACCEPTED = Object.values(STATUS_WORDS).flat().join(' / ');

/** The status a cell says, `active` for a blank one, undefined for a word no export uses. */
export function statusOf(cell: string): EmploymentStatus | undefined {
  return cell.trim() === '' ? 'active' : STATUS_BY_WORD.get(key(cell));
}

/**
 * A whole name from its two halves: 姓 then 名 (山田 太郎), as the demo directory and Chatwork
 * write Japanese names; Latin names read given name first (Ann Smith), as their owners write them.
 */
export function joinName(family: string, given: string): string {
  const latin = /^[\p{Script=Latin}\s.'’-]+$/u;
  const parts = latin.test(family) && latin.test(given) ? [given, family] : [family, given];
  return parts.filter(Boolean).join(' ');
}

/** The accepted headers of a required field, for the error that says it is missing. */
export function acceptedHeaders(field: 'id' | 'name' | 'email'): string {
  const names = [field, ...USER_COLUMNS[field]!].join(' / ');
  if (field !== 'name') return names;
  return `${names} / ${USER_COLUMNS.familyName!.join(' / ')} + ${USER_COLUMNS.givenName!.join(' / ')}`;
}
