import type { Deps } from '../../deps/deps.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { setDestination } from '../../flows/set-destination.js';
import { renderError, UsageError } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';

export async function destinationsStep(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  // Step 6: a destination per type: DM, a group room the account may post in, or off.
  io.err(t('setup.step6'));
  const rooms = (await (await deps.http.chatwork()).rooms()).filter((room) => room.type === 'group');
  // Said before the first choice, not after the last: why a room the admin expects is missing.
  const readonly = rooms.filter((room) => room.role === 'readonly');
  if (readonly.length) io.err(t('setup.readonlyFirst', { rooms: readonly.map((r) => r.name).join(t('send.nameSeparator')) }));
  for (const type of NOTIFICATION_TYPES) {
    // Each choice is checked as it is made (the room may have changed since the list was read).
    for (;;) {
      const destination = await prompts.select(t('setup.askDestination', { type: t(`type.${type}` as MessageKey) }), [
        { name: t('destinations.dm'), value: 'dm' },
        ...rooms.filter((room) => room.role !== 'readonly').map((room) => ({ name: t('destinations.roomNamed', { name: room.name, roomId: room.room_id }), value: `room:${room.room_id}` })),
        { name: t('destinations.off'), value: 'off' },
      ]);
      try {
        await setDestination(deps, { type, destination });
        break;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        for (const line of renderError(error, t, false)) io.err(line);
      }
    }
  }
}
