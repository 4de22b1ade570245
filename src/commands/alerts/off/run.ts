import type { Deps } from '../../../deps/deps.js';

export interface AlertsOffOptions { json?: boolean }

/** No more alerts; what was alerted is forgotten with the setting. */
export async function run(options: AlertsOffOptions, deps: Deps): Promise<void> {
  const store = await deps.stores.state();
  await store.config.update((config) => {
    delete config.alerts;
    delete config.alertMemory;
  });
  if (options.json) return deps.io.json({ alerts: null });
  deps.io.err(deps.t('alerts.turnedOff'));
}
