import type { Deps } from '../deps.js';
import type { MessageKey } from '../i18n/catalog.js';
import { formatTable } from '../io/table.js';
import { NOTIFICATION_TYPES } from '../domain.js';

export interface DestinationsOptions { json?: boolean }

/** 送信先設定: where each notification type goes. */
export async function run(options: DestinationsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const destinations = await (await deps.stores.state()).destinations.all();
  if (options.json) return io.json(Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, destinations[type] ?? null])));
  const rows = NOTIFICATION_TYPES.map((type) => [t(`type.${type}` as MessageKey), describe(destinations[type], t)]);
  for (const line of formatTable(t('destinations.columns').split('|'), rows)) io.out(line);
  if (NOTIFICATION_TYPES.some((type) => !destinations[type])) io.err(t('destinations.unsetHint'));
}

function describe(destination: string | undefined, t: Deps['t']): string {
  if (!destination) return t('destinations.unset');
  if (destination === 'dm') return t('destinations.dm');
  if (destination === 'off') return t('destinations.off');
  return t('destinations.room', { roomId: destination.slice('room:'.length) });
}
