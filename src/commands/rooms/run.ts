import type { MessageKey } from '../../i18n/catalog.js';
import type { Deps } from '../../deps/deps.js';
import { tableLines } from '../../io/table.js';

export interface RoomsOptions { json?: boolean }

export async function run(options: RoomsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const api = await deps.http.chatwork();
  const rooms = (await io.spinner(t('rooms.loading'), () => api.rooms())).filter((room) => room.type === 'group');
  if (options.json) {
    io.json(rooms.map((r) => ({ roomId: r.room_id, name: r.name, role: r.role, canPost: r.role !== 'readonly' })));
    return;
  }
  if (rooms.length === 0) {
    io.err(t('rooms.none'));
    return;
  }
  const rows = rooms.map((r) => [String(r.room_id), r.name, t(`rooms.role.${r.role}` as MessageKey), r.role === 'readonly' ? t('rooms.cannotPost') : '']);
  await io.lines(tableLines(t('rooms.columns').split('|'), rows));
}
