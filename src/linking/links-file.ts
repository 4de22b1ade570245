import type { Contact } from '../chatwork/types.js';
import type { Problem } from '../himanager-users/table-file.js';
import { readTable } from '../himanager-users/table-file.js';
import { csvOriginalCell, csvSafeRows } from '../io/csv-safe.js';
import { csvHeaderAliases, LINKS_CSV } from '../io/csv-headers.js';
import { linkRecord, validateRecord } from '../validation/records.js';
import type { Translate } from '../i18n/translate.js';
import type { Directory, Link } from '../domain.js';
import type { LinkReport } from './link-state.js';

/** Both header forms this tool writes (localised and keys) and the aliases people type. */
const LINK_COLUMNS = csvHeaderAliases(LINKS_CSV);

/** One row per user, linked or not, and one per link whose user left: the whole mapping. */
export function linksCsvRows(report: LinkReport, settings: Pick<Directory, 'users'>, t: Translate, header: string[]): string[][] {
  const byUser = new Map(report.links.map((row) => [row.userId, row]));
  const rows = settings.users.map((user) => {
    const link = byUser.get(user.id);
    return [user.id, user.name, user.email, user.department ?? '', link ? String(link.accountId) : '',
      link?.contact?.chatwork_id ?? '', link?.contact?.name ?? '', t(link ? `linkState.${link.state}` : 'linkState.unlinked')];
  });
  const orphans = report.links.filter((row) => row.state === 'user-gone')
    .map((row) => [row.userId, '', '', '', String(row.accountId), row.contact?.chatwork_id ?? '', row.contact?.name ?? '', t('linkState.user-gone')]);
  // Names and departments come from outside: no cell may start a spreadsheet formula.
  return csvSafeRows([header, ...rows, ...orphans]);
}

/**
 * Reads a reviewed mapping. Validated as a whole: every user must be in the directory
 * (or already linked to that same contact), every contact a current contact, and no
 * contact may appear twice.
 */
export function parseLinksFile(path: string, text: string, settings: Directory, contacts: Contact[], now: string):
  { links: Record<string, Link>; problems: Problem[] } {
  const { rows, columns, problems } = readTable(path, text, LINK_COLUMNS);
  if (!columns.has('user_id')) problems.push({ line: 1, key: 'table.missingColumn', params: { column: 'user_id', aliases: ['user_id', ...LINK_COLUMNS.user_id!].join(' / ') } });
  if (!columns.has('account_id') && !columns.has('chatwork_id')) {
    problems.push({ line: 1, key: 'table.missingColumn', params: { column: 'account_id', aliases: ['account_id', ...LINK_COLUMNS.account_id!, 'chatwork_id'].join(' / ') } });
  }
  if (problems.length) return { links: {}, problems };
  const users = new Set(settings.users.map((u) => u.id));
  const byAccount = new Map(contacts.map((c) => [c.account_id, c]));
  const byChatworkId = new Map(contacts.map((c) => [c.chatwork_id, c]));
  const links: Record<string, Link> = {};
  const seenUser = new Map<string, number>();
  const seenAccount = new Map<number, number>();
  for (const { line, values } of rows) {
    // Cells this tool wrote with a leading apostrophe (formula-like values) read back as they were.
    const original = (value: unknown) => typeof value === 'string' ? csvOriginalCell(value) : value;
    const { value: record, problems: found } = validateRecord(linkRecord, {
      user_id: original(values.user_id), account_id: original(values.account_id), chatwork_id: original(values.chatwork_id),
    });
    if (!record) { for (const problem of found) problems.push({ line, ...problem }); continue; }
    const userId = record.user_id;
    if (seenUser.has(userId)) { problems.push({ line, key: 'table.duplicate', params: { field: 'user_id', value: userId, first: seenUser.get(userId)! } }); continue; }
    seenUser.set(userId, line);
    // With an account id column, it decides (blank: not linked); the Chatwork id is then only for reading.
    const accountText = record.account_id ?? '';
    const chatworkId = columns.has('account_id') ? '' : record.chatwork_id ?? '';
    if (!accountText && !chatworkId) continue; // not linked
    const contact = accountText ? byAccount.get(Number(accountText)) : byChatworkId.get(chatworkId);
    const accountId = contact?.account_id ?? Number(accountText);
    const keptOrphan = !users.has(userId) && settings.links[userId]?.accountId === accountId;
    if (!users.has(userId) && !keptOrphan) { problems.push({ line, key: 'linksFile.unknownUser', params: { user: userId } }); continue; }
    if (!contact && !keptOrphan) { problems.push({ line, key: 'linksFile.notAContact', params: { value: accountText || chatworkId } }); continue; }
    if (seenAccount.has(accountId)) { problems.push({ line, key: 'table.duplicate', params: { field: 'account_id', value: accountId, first: seenAccount.get(accountId)! } }); continue; }
    seenAccount.set(accountId, line);
    const previous = settings.links[userId];
    links[userId] = previous?.accountId === accountId ? previous : { accountId, source: 'import', linkedAt: now };
  }
  return { links, problems };
}
