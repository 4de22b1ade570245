import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Store } from '../../src/store/store.js';
import { openStore, resolveStoreLocation } from '../../src/store/open.js';
import { systemClock } from '../../src/io/clock.js';

const stateEnvs = new Map<string, NodeJS.ProcessEnv>();

/** A config dir whose state lives elsewhere (a PostgreSQL database): the env its CLI runs get. */
export function registerStateEnv(configDir: string, env: NodeJS.ProcessEnv): void {
  stateEnvs.set(configDir, env);
}

function stateEnvOf(configDir: string): NodeJS.ProcessEnv {
  return stateEnvs.get(configDir) ?? {};
}

/**
 * The store a config dir's CLI runs use: what HIMANAGER_CHATWORK_STATE in `env` names
 * (a PostgreSQL database in the both-backends runs), else state.db in the dir.
 */
export async function withStore<T>(configDir: string, fn: (store: Store) => Promise<T>, env: NodeJS.ProcessEnv = stateEnvOf(configDir)): Promise<T> {
  const location = resolveStoreLocation(env.HIMANAGER_CHATWORK_STATE, configDir, 'HIMANAGER_CHATWORK_STATE');
  const { store } = await openStore(location, { clock: systemClock, configDir, stateKey: env.HIMANAGER_CHATWORK_STATE_KEY });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** What a config dir's store holds, as one plain object (the old settings.json's shape). */
export async function readState(configDir: string, env: NodeJS.ProcessEnv = stateEnvOf(configDir)) {
  return withStore(configDir, async (store) => {
    const [config, destinations, users, links] = await Promise.all([store.config.get(), store.destinations.all(), store.users.all(), store.links.all()]);
    return { ...config, destinations, users, links: Object.fromEntries(links) };
  }, env);
}

/** What a run leaves in a SQLite store's lock row: a live holder (this process) or a dead one. */
export function plantRunLock(configDir: string, owner: { pid: number; host: string; since?: number; heartbeat?: number; processStart?: string }): void {
  const db = new DatabaseSync(join(configDir, 'state.db'));
  try {
    const now = Date.now();
    db.prepare('DELETE FROM run_lock').run();
    db.prepare('INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, ?, ?, ?, ?, ?)')
      .run(owner.host, owner.pid, owner.processStart ?? null, owner.since ?? now, owner.heartbeat ?? now);
  } finally {
    db.close();
  }
}
