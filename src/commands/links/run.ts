import { loadDirectory } from '../../store/snapshot.js';
import type { Deps } from '../../deps/deps.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { tableLines } from '../../io/table.js';
import { linkReport } from '../../linking/link-state.js';

export interface LinksOptions { json?: boolean }

/** Every link with its state, and every unlinked user. One /contacts call, whatever the count. */
export async function run(options: LinksOptions, deps: Deps): Promise<number> {
  const { io, t } = deps;
  const settings = await loadDirectory(await deps.stores.state());
  const contacts = await io.spinner(t('contacts.loading'), async () => (await deps.http.chatwork()).contacts());
  const report = linkReport(settings, contacts);
  if (options.json) {
    io.json({
      links: report.links.map((row) => ({
        userId: row.userId, userName: row.user?.name ?? null, accountId: row.accountId,
        contactName: row.contact?.name ?? null, dmRoomId: row.contact?.room_id ?? null, state: row.state, source: row.source,
      })),
      unlinked: report.unlinked.map((user) => ({ userId: user.id, userName: user.name, email: user.email })),
      linkedTwice: report.linkedTwice,
    });
  } else {
    const rows = [
      ...report.links.map((row) => [row.userId, row.user?.name ?? '', row.contact ? `${row.contact.name} (${row.accountId})` : String(row.accountId), t(`linkState.${row.state}` as MessageKey)]),
      ...report.unlinked.map((user) => [user.id, user.name, '', t('linkState.unlinked')]),
    ];
    await io.lines(tableLines(t('links.columns').split('|'), rows));
    const broken = report.links.filter((row) => row.state !== 'ok').length;
    io.err(t('links.summary', { ok: report.links.length - broken, broken, unlinked: report.unlinked.length }));
  }
  return 0;
}
