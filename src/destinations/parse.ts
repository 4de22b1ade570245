import { UsageError } from '../errors/index.js';

export interface RoomRef { room_id: number; name: string; type?: string }

/** The forms an admin types for "no room": dm, DM, ダイレクトチャット; off, OFF, オフ, 送信しない (as the lists show it). */
const KEYWORDS: Record<string, 'dm' | 'off'> = { dm: 'dm', 'ダイレクトチャット': 'dm', off: 'off', 'オフ': 'off', '送信しない': 'off', none: 'off' };

/**
 * A destination as the admin may type it: `dm` in any case, `room:123`, a bare room id
 * (`123`), or a group chat's name. Returns the stored form (dm / off / room:<id>); `rooms`
 * is asked for only when the text may be a name.
 */
export async function normalizeDestination(text: string, rooms: () => Promise<RoomRef[]>): Promise<string> {
  const value = text.trim();
  const keyword = KEYWORDS[value.toLowerCase()];
  if (keyword) return keyword;
  const id = /^(?:room:)?\s*([1-9]\d*)$/i.exec(value);
  if (id) return `room:${id[1]}`;
  if (!value) throw new UsageError('destinations.badDestination', { value: text });
  const groups = (await rooms()).filter((room) => room.type === undefined || room.type === 'group');
  const exact = groups.filter((room) => room.name === value);
  const loose = exact.length ? exact : groups.filter((room) => room.name.normalize('NFKC').toLowerCase() === value.normalize('NFKC').toLowerCase());
  if (loose.length === 1) return `room:${loose[0]!.room_id}`;
  if (loose.length > 1) {
    throw new UsageError('destinations.ambiguousName', { value: text, rooms: loose.map((room) => `room:${room.room_id}`).join(', ') });
  }
  const near = groups.filter((room) => room.name.includes(value) || value.includes(room.name)).slice(0, 3);
  throw new UsageError('destinations.badDestination', { value: text }, near.length
    ? { hint: { key: 'destinations.didYouMean', params: { rooms: near.map((room) => `room:${room.room_id}（${room.name}）`).join(', ') } } }
    : { hint: { key: 'destinations.forms' } });
}
