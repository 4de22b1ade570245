import type { Deps } from '../../deps.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { formatTable } from '../../io/table.js';
import { NOTIFICATION_TYPES } from '../../domain.js';

export interface DestinationsOptions { json?: boolean }

/** 送信先設定: where each notification type goes. */
export async function run(options: DestinationsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const destinations = await (await deps.stores.state()).destinations.all();
  if (options.json) return io.json(Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, destinations[type] ?? null])));
  const names = await roomNames(deps, NOTIFICATION_TYPES.some((type) => destinations[type]?.startsWith('room:')));
  const rows = NOTIFICATION_TYPES.map((type) => [t(`type.${type}` as MessageKey), describe(destinations[type], t, names)]);
  for (const line of formatTable(t('destinations.columns').split('|'), rows)) io.out(line);
  if (NOTIFICATION_TYPES.some((type) => !destinations[type])) io.err(t('destinations.unsetHint'));
}

/** Room names from Chatwork, when a room is set; the list still shows ids when Chatwork cannot be asked. */
async function roomNames(deps: Deps, needed: boolean): Promise<Map<number, string>> {
  if (!needed) return new Map();
  try {
    return new Map((await (await deps.http.chatwork()).rooms()).map((room) => [room.room_id, room.name]));
  } catch {
    return new Map();
  }
}

function describe(destination: string | undefined, t: Deps['t'], names: Map<number, string>): string {
  if (!destination) return t('destinations.unset');
  if (destination === 'dm') return t('destinations.dm');
  if (destination === 'off') return t('destinations.off');
  const roomId = destination.slice('room:'.length);
  const name = names.get(Number(roomId));
  return name ? t('destinations.roomNamed', { roomId, name }) : t('destinations.room', { roomId });
}
