import type { Deps } from '../../deps/deps.js';

export interface AlertsOptions { json?: boolean }

/** Where alerts go: the group chat (named when Chatwork can be asked), or off. */
export async function run(options: AlertsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const { alerts } = await (await deps.stores.state()).config.get();
  if (options.json) return io.json({ alerts: alerts ? { room: `room:${alerts.roomId}`, roomId: alerts.roomId } : null });
  if (!alerts) {
    io.out('off');
    io.err(t('alerts.showOff'));
    return;
  }
  io.out(`room:${alerts.roomId}`);
  const name = await roomName(deps, alerts.roomId);
  io.err(name === undefined ? t('alerts.showRoomId', { roomId: alerts.roomId }) : t('alerts.showRoom', { name, roomId: alerts.roomId }));
}

/** The setting is shown even when Chatwork cannot be asked: the id alone then. */
async function roomName(deps: Deps, roomId: number): Promise<string | undefined> {
  try {
    return (await (await deps.http.chatwork()).room(roomId)).name;
  } catch {
    return undefined;
  }
}
