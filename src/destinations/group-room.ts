import type { ChatworkApi } from '../chatwork/client/index.js';
import type { Room } from '../chatwork/types.js';
import { ApiError, UsageError } from '../errors/index.js';

/**
 * A group chat the account can post in, or a usage error naming the room: gone or not joined,
 * a direct chat, or read-only. What `destinations set` and `alerts set` check before saving.
 */
export async function postableGroupRoom(api: ChatworkApi, roomId: number): Promise<Room> {
  const info = await api.room(roomId).catch((error: unknown) => {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) throw new UsageError('destinations.noRoom', { roomId });
    throw error;
  });
  if (info.type !== 'group') throw new UsageError('destinations.notGroup', { roomId });
  if (info.role === 'readonly') throw new UsageError('destinations.readonly', { roomId, name: info.name });
  return info;
}
