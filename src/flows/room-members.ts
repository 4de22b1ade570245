import type { ChatworkApi } from '../chatwork/client/index.js';
import type { Deps } from '../deps/deps.js';
import type { Destinations } from '../domain.js';
import { AuthError, errorInWords } from '../errors/index.js';
import type { Reminder } from '../delivery/reminders.js';

/**
 * The members of every room these reminders go to, one GET /rooms/{id}/members each. A room
 * whose members cannot be read is left out (its people are not checked) with a warning:
 * a [To:] to a non-member reaches no one, but a failed check must not stop a whole run.
 */
export async function membersOfRooms(deps: Pick<Deps, 'io' | 't'>, api: ChatworkApi, reminders: Reminder[], destinations: Destinations): Promise<Map<number, Set<number>>> {
  const rooms = new Set<number>();
  const types = new Set(reminders.map((r) => r.type));
  for (const type of types) {
    const destination = destinations[type];
    if (destination?.startsWith('room:')) rooms.add(Number(destination.slice('room:'.length)));
  }
  const members = new Map<number, Set<number>>();
  for (const roomId of rooms) {
    try {
      members.set(roomId, new Set((await api.members(roomId)).map((m) => m.account_id)));
    } catch (error) {
      if (error instanceof AuthError) throw error;
      deps.io.err(deps.t('admin.members.unreadable', { roomId, detail: errorInWords(error, deps.t) }));
    }
  }
  return members;
}
