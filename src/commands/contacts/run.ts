import type { Deps } from '../../deps/deps.js';
import { tableLines } from '../../io/table.js';

export interface ContactsOptions { json?: boolean }

export async function run(options: ContactsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const api = await deps.http.chatwork();
  const contacts = await io.spinner(t('contacts.loading'), () => api.contacts());
  if (options.json) {
    io.json(contacts.map((c) => ({
      accountId: c.account_id, chatworkId: c.chatwork_id, name: c.name,
      organization: c.organization_name, organizationId: c.organization_id, department: c.department, dmRoomId: c.room_id,
    })));
    return;
  }
  if (contacts.length === 0) {
    io.err(t('contacts.none'));
    return;
  }
  const rows = contacts.map((c) => [String(c.account_id), c.chatwork_id, c.name, c.organization_name, c.department, String(c.room_id)]);
  await io.lines(tableLines(t('contacts.columns').split('|'), rows));
}
