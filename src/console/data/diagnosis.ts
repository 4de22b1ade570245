import type { Contact, Room } from '../../chatwork/types.js';
import { NOTIFICATION_TYPES, type Directory, type Destinations, type NotificationType } from '../../domain.js';
import { linkReport } from '../../linking/link-state.js';

/** A doctor row as `doctor --json` gives it. */
export interface CheckRow { id: string; area: string; status: 'ok' | 'warn' | 'fail'; finding: string; remedy?: string; findingKey: string }

/** The single safe changes the 診断 page offers as buttons. */
export interface SafeFixes {
  /** Links to a contact the account no longer has: unlinking is what `unlink` does, and the person then shows under invitations. */
  unlink: { userId: string; name: string; accountId: number }[];
  /** Types whose group chat is gone (or the account left it): a room is picked again. */
  repick: { type: NotificationType; roomId: number }[];
}

/**
 * Which findings of doctor's `links` and `destinations` checks have a one-step fix, computed
 * from the same inputs those checks read (linkReport for a removed contact, the room list for
 * a deleted room) so that a button never acts on anything doctor did not report.
 */
export function safeFixes(settings: Directory & { destinations: Destinations }, contacts: Contact[], rooms: readonly Pick<Room, 'room_id'>[] | undefined): SafeFixes {
  const unlink = linkReport(settings, contacts).links.filter((l) => l.state === 'contact-gone')
    .map((l) => ({ userId: l.userId, name: l.user?.name ?? l.userId, accountId: l.accountId }));
  const repick: SafeFixes['repick'] = [];
  // Without a room list (Chatwork could not be asked) no room is called gone.
  if (rooms) {
    const known = new Set(rooms.map((r) => r.room_id));
    for (const type of NOTIFICATION_TYPES) {
      const destination = settings.destinations[type];
      if (!destination?.startsWith('room:')) continue;
      const roomId = Number(destination.slice('room:'.length));
      if (!known.has(roomId)) repick.push({ type, roomId });
    }
  }
  return { unlink, repick };
}

/** Failures first, then warnings, then what is fine; doctor's order within each. */
export function byConcern(rows: readonly CheckRow[]): CheckRow[] {
  const rank = { fail: 0, warn: 1, ok: 2 } as const;
  return rows.map((row, i) => ({ row, i })).sort((a, b) => rank[a.row.status] - rank[b.row.status] || a.i - b.i).map(({ row }) => row);
}
