import type { Room } from '../../chatwork/types.js';
import { NOTIFICATION_TYPES, type Config, type DeliverAs, type Destinations, type NonMemberFallback, type NotificationType } from '../../domain.js';
import type { DestinationChoice } from '../../flows/set-destination.js';
import { UsageError } from '../../errors/index.js';

type DestinationKind = 'dm' | 'room' | 'off' | 'unset';

/** One notification type's row of the 送信先 page: as the seed guide's page shows it, with the CLI's settings. */
export interface DestinationRow {
  type: NotificationType;
  kind: DestinationKind;
  roomId?: number;
  /** The room's name from Chatwork; absent when the room is gone or Chatwork could not be asked. */
  roomName?: string;
  deliverAs: DeliverAs;
  nonMembers: NonMemberFallback;
}

export interface RoomChoice { roomId: number; name: string }

/** Every type, in the CLI's order, with the stored destination read as the page shows it. */
export function destinationRows(destinations: Destinations, config: Pick<Config, 'deliverAs' | 'nonMembers'>, rooms: readonly Pick<Room, 'room_id' | 'name'>[]): DestinationRow[] {
  const names = new Map(rooms.map((room) => [room.room_id, room.name]));
  return NOTIFICATION_TYPES.map((type) => {
    const destination = destinations[type];
    const base = { type, deliverAs: config.deliverAs?.[type] ?? 'message', nonMembers: config.nonMembers?.[type] ?? 'skip' } as const;
    if (!destination) return { ...base, kind: 'unset' };
    if (destination === 'dm' || destination === 'off') return { ...base, kind: destination };
    const roomId = Number(destination.slice('room:'.length));
    const roomName = names.get(roomId);
    return { ...base, kind: 'room', roomId, ...(roomName === undefined ? {} : { roomName }) };
  });
}

/** The group chats a destination may be: the account may post there (not read-only), by name. */
export function roomChoices(rooms: readonly Room[]): RoomChoice[] {
  return rooms.filter((room) => room.type === 'group' && room.role !== 'readonly')
    .map((room) => ({ roomId: room.room_id, name: room.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.roomId - b.roomId);
}

/**
 * The form of one type's row as `destinations set` takes it: kind dm / off / room with the
 * room's id (the stored `room:<id>` form, so a name is never looked up twice), message or
 * task, and for a group chat what happens to non-members. Anything else is a usage error.
 */
export function choiceFromForm(type: NotificationType, form: URLSearchParams): DestinationChoice {
  const kind = form.get('kind') ?? '';
  const as = form.get('as') ?? undefined;
  if (kind === 'dm' || kind === 'off') return { type, destination: kind, ...(as ? { as } : {}) };
  if (kind !== 'room') throw new UsageError('destinations.badDestination', { value: kind });
  const room = form.get('room') ?? '';
  if (!/^[1-9]\d*$/.test(room)) throw new UsageError('destinations.badDestination', { value: room });
  const nonMembers = form.get('nonMembers') ?? undefined;
  return { type, destination: `room:${room}`, ...(as ? { as } : {}), ...(nonMembers ? { nonMembers } : {}) };
}

/**
 * What one type's row was when the page was drawn, as a form carries it back: a save whose row
 * changed meanwhile (another tab, the CLI) is refused rather than writing over that change.
 */
export function rowVersion(row: DestinationRow): string {
  return [row.kind, row.roomId ?? '', row.deliverAs, row.nonMembers].join('|');
}
