import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors/index.js';
import type { LegacyImportReport } from './legacy/import.js';
import type { Clock } from '../io/clock.js';
import type { FenceTimings } from './fence-timings.js';
import type { Store } from './store.js';
import type { PostgresDefaults } from './postgres/open.js';

const STATE_FILE = 'state.db';

export type StoreLocation = { backend: 'sqlite'; path: string } | { backend: 'postgres'; url: string };

/**
 * `--state` / HIMANAGER_CHATWORK_STATE: a postgres:// or postgresql:// URL is the shared
 * database; a plain path or a sqlite: URL is a SQLite file; nothing is state.db in the config dir.
 */
export function resolveStoreLocation(value: string | undefined, configDir: string, source: string): StoreLocation {
  if (!value) return { backend: 'sqlite', path: join(configDir, STATE_FILE) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { backend: 'postgres', url: value };
  if (/^sqlite:/i.test(value)) {
    const rest = value.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? fileURLToPath(`file:${rest}`) : rest;
    if (!path) throw new UsageError('state.badLocation', { source, value: 'sqlite:' });
    return { backend: 'sqlite', path: resolve(path) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new UsageError('state.badLocation', { source, value: value.replace(/\/\/[^@/]*@/, '//***@') });
  return { backend: 'sqlite', path: isAbsolute(value) ? value : resolve(value) };
}

export interface OpenStoreOptions { clock: Clock; configDir: string; stateKey?: string; postgres?: PostgresDefaults; fenceTimings?: FenceTimings; log?(line: string): void }

/** Opens the store, brings its schema up to date, and imports a previous version's files once. */
export async function openStore(location: StoreLocation, options: OpenStoreOptions): Promise<{ store: Store; imported?: LegacyImportReport }> {
  const store = location.backend === 'postgres'
    ? await (await import('./postgres/open.js')).openPostgresStore(location.url, { clock: options.clock, key: options.stateKey, defaults: options.postgres, fenceTimings: options.fenceTimings })
    : await (await import('./sqlite/open.js')).openSqliteStore(location.path, { clock: options.clock, configDir: options.configDir, fenceTimings: options.fenceTimings });
  try {
    const { importLegacyFiles } = await import('./legacy/import.js');
    const imported = await importLegacyFiles(store, options.configDir, options.clock);
    return { store, ...(imported ? { imported } : {}) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export type { LegacyImportReport };
