import { backendName } from '../../../i18n/backend-names.js';
import type { Deps } from '../../../deps/deps.js';

export interface StateInfoOptions { json?: boolean }

/**
 * Where the state lives and how much of it there is; the URL never carries its password. It
 * reads a store that was moved too, and shows where to (`movedTo`): the one command besides
 * doctor that does.
 */
export async function run(options: StateInfoOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const store = await deps.stores.stateEvenIfMoved();
  const stats = await store.stats();
  const moved = await store.moved.get();
  const info = {
    backend: store.info.backend, location: store.info.location, schemaVersion: store.info.schemaVersion, ...stats,
    ...(moved ? { movedTo: { location: moved.location, at: deps.time.iso(moved.at), host: moved.host, runId: moved.runId } } : {}),
  };
  if (options.json) return io.json(info);
  io.out(t('state.info.backend', { backend: backendName(t, info.backend), location: info.location }));
  if (moved) io.out(t('state.info.moved', { location: moved.location, at: moved.at, host: moved.host }));
  io.out(t('state.info.schema', { version: info.schemaVersion }));
  io.out(t('state.info.counts', { users: stats.users, links: stats.links, deliveries: stats.deliveries, deferred: stats.deferred, inFlight: stats.inFlight, runs: stats.runs }));
  io.out(t('state.info.size', { megabytes: (stats.sizeBytes / 1e6).toFixed(1) }));
}
