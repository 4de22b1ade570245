import type { Deps } from '../deps/deps.js';
import type { NotificationType } from '../domain.js';
import type { MessageKey } from '../i18n/catalog.js';
import { deliveryOptions, reportDelivery, roomReach, saveDeliveryOptions } from './destination-reach.js';
import { normalizeDestination } from '../destinations/parse.js';
import { postableGroupRoom } from '../destinations/group-room.js';
import { withdrawStaleHeld } from '../delivery/held.js';
import { destinationInWords } from './destination-words.js';

export interface DestinationChoice { type: NotificationType; destination: string; as?: string; nonMembers?: string; json?: boolean }

/**
 * Where one type goes, as `destinations set` and setup's step 6 save it. A room is checked
 * (exists, the account is a member and may post) before it is saved.
 */
export async function setDestination(deps: Deps, choice: DestinationChoice): Promise<void> {
  const { io, t } = deps;
  const { type } = choice;
  // DM, a bare room id or a room's name are understood as what they obviously mean.
  const destination = await normalizeDestination(choice.destination, async () => (await deps.http.chatwork()).rooms());
  const delivery = deliveryOptions(choice, destination);
  const room = /^room:([1-9]\d*)$/.exec(destination);
  let roomName: string | undefined;
  if (room) {
    roomName = (await postableGroupRoom(await deps.http.chatwork(), Number(room[1]))).name;
  }
  const store = await deps.stores.state();
  // Who the room does not reach is known before anything is saved, and said after.
  const reach = room ? await roomReach(deps, store, Number(room[1]), roomName!) : undefined;
  await store.destinations.set(type, destination);
  const config = await saveDeliveryOptions(store, type, delivery);
  // Held deliveries of this type that no longer fit (off, another room) are withdrawn now.
  const withdrawn = await withdrawStaleHeld(store, deps.clock.now());
  if (!choice.json) io.err(t('destinations.saved', { type: t(`type.${type}` as MessageKey), destination: destinationInWords(destination, t, room && roomName ? new Map([[Number(room[1]), roomName]]) : undefined) }));
  if (withdrawn && !choice.json) io.err(t('inputs.withdrawn', { count: withdrawn }));
  reportDelivery(deps, { type, destination, config, reach, json: choice.json, extra: { withdrawn } });
}
