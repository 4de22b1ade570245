import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors/index.js';
import { systemClock } from '../../src/io/clock.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import type { DumpRecord } from '../../src/store/dump-format.js';
import type { Store } from '../../src/store/store.js';
import { freshDatabase, postgres } from '../helpers/postgres.js';

// The moved marker and the replacing restore that `state migrate` relies on, the same on both backends.
const MARKER = { location: 'postgresql://hm@db.internal:5432/himanager', at: Date.UTC(2026, 11, 2), host: 'cron-1', runId: '8d5e0a52-0c1e-4c55-9a57-7a1b0e9b1f11' };

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** `exec` writes through SQL of its own, as a hand edit of the database would. */
type Open = () => Promise<{ store: Store; reopen(): Promise<Store>; exec(sql: string): Promise<void>; cleanup(): Promise<void> }>;

const backends: [string, boolean, Open][] = [
  ['SQLite', true, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-moved-'));
    const reopen = () => openSqliteStore(join(dir, 'state.db'), { clock: systemClock, configDir: dir });
    const exec = async (sql: string) => {
      const { DatabaseSync } = await import('node:sqlite');
      const db = new DatabaseSync(join(dir, 'state.db'), { timeout: 5_000 });
      db.exec(sql);
      db.close();
    };
    return { store: await reopen(), reopen, exec, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }],
  ['PostgreSQL', postgres.available, async () => {
    const database = await freshDatabase();
    const reopen = () => openPostgresStore(database.url, { clock: systemClock, key: randomBytes(32).toString('base64') });
    return { store: await reopen(), reopen, exec: async (sql: string) => { await database.query(sql); }, cleanup: () => database.drop() };
  }],
];

describe.each(backends)('moved marker and replacing restore: %s', (_name, available, open) => {
  const opened: Store[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const fresh = async () => {
    const location = await open();
    opened.push(location.store);
    cleanups.push(location.cleanup);
    return { store: location.store, exec: location.exec, reopen: async () => { const store = await location.reopen(); opened.push(store); return store; } };
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it.skipIf(!available)('is set, read back by another instance, kept out of the dump and out of the configuration, and cleared', async () => {
    const { store, reopen } = await fresh();
    expect(await store.moved.get()).toBeUndefined();
    await store.config.update((config) => { config.messageLang = 'en'; });
    await store.moved.set(MARKER);
    const other = await reopen();
    expect(await other.moved.get()).toEqual(MARKER);
    expect((await other.config.get()).messageLang).toBe('en');
    const settings = (await collect(other.exportRecords())).filter((record) => record.kind === 'setting');
    expect(settings).toEqual([{ kind: 'setting', key: 'messageLang', value: 'en' }]);
    await other.moved.clear();
    expect(await store.moved.get()).toBeUndefined();
  });

  it.skipIf(!available)('a marker that is not one is an error naming the setting, never taken for "not moved"; one is never written unchecked', async () => {
    const { store, exec } = await fresh();
    await expect(store.moved.set({ ...MARKER, location: '' })).rejects.toThrow();
    expect(await store.moved.get()).toBeUndefined();
    await exec(`INSERT INTO settings (key, value) VALUES ('movedTo', '{"location":42}')`);
    const error = await store.moved.get().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toContain('movedTo');
  });

  it.skipIf(!available)('replace empties the state first and keeps the marker; without it a restore merges', async () => {
    const { store } = await fresh();
    await store.users.replaceAll([{ id: 'OLD', name: 'Old', email: 'old@example.com' }, { id: 'U1', name: 'One', email: 'u1@example.com' }]);
    await store.links.set(new Map([['OLD', { accountId: 7, source: 'manual', linkedAt: '2026-11-24T00:00:00.000Z' }]]));
    await store.destinations.set('praise', 'off');
    await store.config.update((config) => { config.messageLang = 'en'; });
    await store.moved.set(MARKER);
    const records: DumpRecord[] = [
      { kind: 'user', id: 'U1', name: 'One again', email: 'u1@example.com' },
      { kind: 'destination', type: 'survey', destination: 'dm' },
    ];
    const merged = await collectState(store, () => store.restore(records));
    expect(merged.users).toEqual(['OLD', 'U1']);
    const replaced = await collectState(store, () => store.restore(records, { replace: true }));
    expect(replaced).toEqual({ users: ['U1'], links: 0, destinations: { survey: 'dm' }, messageLang: 'ja' });
    expect(await store.moved.get()).toEqual(MARKER);
  });
});

async function collectState(store: Store, restore: () => Promise<unknown>) {
  await restore();
  return {
    users: (await store.users.all()).map((user) => user.id),
    links: await store.links.count(),
    destinations: await store.destinations.all(),
    messageLang: (await store.config.get()).messageLang,
  };
}
