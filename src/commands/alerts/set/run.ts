import type { Deps } from '../../../deps/deps.js';
import { postableGroupRoom } from '../../../destinations/group-room.js';
import { normalizeDestination } from '../../../destinations/parse.js';
import { UsageError } from '../../../errors/index.js';

export interface AlertsSetOptions { room: string; json?: boolean }

/**
 * The group chat alerts go to, read as a destination is (room:<id>, a bare id or its name) and
 * checked as one (exists, the account is in it and may post) before anything is saved.
 */
export async function run(options: AlertsSetOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const destination = await normalizeDestination(options.room, async () => (await deps.http.chatwork()).rooms());
  if (!destination.startsWith('room:')) throw new UsageError('alerts.needRoom', { value: options.room });
  const roomId = Number(destination.slice('room:'.length));
  const room = await postableGroupRoom(await deps.http.chatwork(), roomId);
  const store = await deps.stores.state();
  await store.config.update((config) => {
    // Another room starts with no memory: what was alerted elsewhere is told here once.
    if (config.alerts?.roomId !== roomId) delete config.alertMemory;
    config.alerts = { roomId };
  });
  if (options.json) return io.json({ alerts: { room: destination, roomId, name: room.name } });
  io.err(t('alerts.saved', { name: room.name, roomId }));
}
