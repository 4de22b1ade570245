import { UsageError } from '../errors/index.js';
import type { Lang } from '../i18n/translate.js';

/**
 * The header rows of the CSV files this tool writes, in one place for writers and readers.
 * A file written for Japanese Excel has Japanese headers (`--csv-headers localised`, the
 * default); one for a machine has the keys (`--csv-headers keys`). Whoever reads such a file
 * back (links import, users sync) accepts both, and the aliases people type.
 * The Japanese labels are a file format, read back by the tool, not only UI text: they live
 * here, not in the catalog, so that no rewording of a message can break a reader.
 */
export interface CsvColumn { name: string; ja: string; aliases?: string[] }
export type CsvHeaderMode = 'localised' | 'keys';

const CSV_HEADER_MODES: CsvHeaderMode[] = ['localised', 'keys'];

/** Excel in Japan reads UTF-8 only after a BOM. */
export const CSV_BOM = '\uFEFF';

export const LINKS_CSV: CsvColumn[] = [
  { name: 'user_id', ja: 'ユーザーID', aliases: ['ユーザID', '社員番号', 'user id'] },
  { name: 'name', ja: '氏名', aliases: ['名前'] },
  { name: 'email', ja: 'メールアドレス' },
  { name: 'department', ja: '部署' },
  { name: 'account_id', ja: 'ChatworkアカウントID', aliases: ['アカウントID', 'chatwork account id'] },
  { name: 'chatwork_id', ja: 'チャットワークID', aliases: ['chatwork id'] },
  { name: 'chatwork_name', ja: 'Chatwork表示名', aliases: ['contact name'] },
  { name: 'state', ja: '状態' },
];

export const HISTORY_CSV: CsvColumn[] = [
  { name: 'at', ja: '日時' },
  { name: 'reminderId', ja: 'リマインドID' },
  { name: 'type', ja: '種類' },
  { name: 'userId', ja: 'ユーザーID' },
  { name: 'userName', ja: '氏名' },
  { name: 'roomId', ja: 'ルームID' },
  { name: 'status', ja: '結果' },
  { name: 'messageId', ja: 'メッセージID' },
  { name: 'reason', ja: '理由' },
  { name: 'until', ja: '送信予定' },
  { name: 'round', ja: '送信回' },
];

/** `reminders stats --csv`: one row per figure of a reminder (machines read the keys, Excel the labels). */
export const STATS_CSV: CsvColumn[] = [
  { name: 'reminderId', ja: 'リマインドID' }, { name: 'type', ja: '種類' }, { name: 'title', ja: 'タイトル' }, { name: 'due', ja: '回答期限' },
  { name: 'figure', ja: '項目' }, { name: 'detail', ja: '内訳' }, { name: 'count', ja: '人数・件数' },
];

/** The header row a writer puts first: Japanese labels for a Japanese UI, else the keys. */
export function csvHeaderRow(columns: CsvColumn[], mode: CsvHeaderMode, lang: Lang): string[] {
  return columns.map((column) => (mode === 'localised' && lang === 'ja' ? column.ja : column.name));
}

/** What a reader accepts for each key besides the key itself: the Japanese label and the aliases. */
export function csvHeaderAliases(columns: CsvColumn[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((column) => [column.name, [column.ja, ...(column.aliases ?? [])]]));
}

/** Whether a file starts with a BOM: written for Excel (localised) unless the machine form was asked for. */
export function csvWantsBom(mode: CsvHeaderMode): boolean {
  return mode === 'localised';
}

export function parseCsvHeaderMode(value: string | undefined): CsvHeaderMode {
  if (value === undefined) return 'localised';
  if ((CSV_HEADER_MODES as string[]).includes(value)) return value as CsvHeaderMode;
  throw new UsageError('csvHeaders.bad', { value, valid: CSV_HEADER_MODES.join(', ') });
}
