import type { Deps } from '../../deps/deps.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { formatTable } from '../../io/table.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { destinationInWords, roomNamesFor } from '../../flows/destination-words.js';

export interface DestinationsOptions { json?: boolean }

/** 送信先設定: where each notification type goes. */
export async function run(options: DestinationsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const destinations = await (await deps.stores.state()).destinations.all();
  if (options.json) return io.json(Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, destinations[type] ?? null])));
  const names = await roomNamesFor(deps, NOTIFICATION_TYPES.map((type) => destinations[type]));
  const rows = NOTIFICATION_TYPES.map((type) => [t(`type.${type}` as MessageKey), destinationInWords(destinations[type], t, names)]);
  for (const line of formatTable(t('destinations.columns').split('|'), rows)) io.out(line);
  if (NOTIFICATION_TYPES.some((type) => !destinations[type])) io.err(t('destinations.unsetHint'));
}
