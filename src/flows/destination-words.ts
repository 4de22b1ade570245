import type { Deps } from '../deps/deps.js';

/**
 * A destination as a person reads it (称賛の送信先: ダイレクトチャット), never the stored
 * form (`dm`, `room:123`, `off`): the destinations list, setup, `destinations set` and doctor
 * all say it with these words. A room is named when its name is known.
 */
export function destinationInWords(destination: string | undefined, t: Deps['t'], names: ReadonlyMap<number, string> = new Map()): string {
  if (!destination) return t('destinations.unset');
  if (destination === 'dm') return t('destinations.dm');
  if (destination === 'off') return t('destinations.off');
  const roomId = destination.slice('room:'.length);
  const name = names.get(Number(roomId));
  return name ? t('destinations.roomNamed', { roomId, name }) : t('destinations.room', { roomId });
}

/** Room names from Chatwork, when a room is set; without an answer, rooms are shown by id. */
export async function roomNamesFor(deps: Deps, destinations: (string | undefined)[]): Promise<Map<number, string>> {
  if (!destinations.some((d) => d?.startsWith('room:'))) return new Map();
  try {
    return new Map((await (await deps.http.chatwork()).rooms()).map((room) => [room.room_id, room.name]));
  } catch {
    return new Map();
  }
}
