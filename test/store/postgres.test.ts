import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, CliError, ExitCode, LockedError } from '../../src/errors.js';
import { systemClock } from '../../src/io/clock.js';
import { connectPostgres, LOCK_KEYS, numberPlaceholders } from '../../src/store/postgres/database.js';
import type { PostgresRunLock } from '../../src/store/postgres/locks.js';
import { openPostgresStore, safeLocation } from '../../src/store/postgres/open.js';
import { parseStateKey } from '../../src/store/postgres/secrets.js';
import type { Store } from '../../src/store/store.js';
import { freshDatabase, postgres, type TestDatabase } from '../helpers/postgres.js';
import { storeContract } from './contract.js';

const KEY = randomBytes(32);
const KEY_B64 = KEY.toString('base64');
const KEY_HEX = KEY.toString('hex');

describe('placeholders', () => {
  it('numbers ? outside literals, quoted identifiers and comments', () => {
    expect(numberPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ? -- ?\n AND e IN (?, ?) /* ? */"))
      .toBe("SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2 -- ?\n AND e IN ($3, $4) /* ? */");
    expect(numberPlaceholders("SELECT 'it''s ?', ?")).toBe("SELECT 'it''s ?', $1");
  });
});

describe('state key', () => {
  it('takes 32 bytes as base64 (padded, unpadded, URL-safe) or hex', () => {
    expect(parseStateKey(KEY_B64)).toEqual(KEY);
    expect(parseStateKey(KEY_B64.replace(/=+$/, ''))).toEqual(KEY);
    expect(parseStateKey(KEY.toString('base64url'))).toEqual(KEY);
    expect(parseStateKey(` ${KEY_HEX.toUpperCase()}\n`)).toEqual(KEY);
  });

  it('refuses a missing key or one of another length or format, with exit 4 and no echo of the value', () => {
    for (const [value, key] of [[undefined, 'state.keyMissing'], ['', 'state.keyMissing'], [randomBytes(31).toString('base64'), 'state.keyInvalid'],
      [randomBytes(33).toString('hex'), 'state.keyInvalid'], ['correct horse battery staple', 'state.keyInvalid'], [KEY_HEX.slice(2), 'state.keyInvalid']] as const) {
      const error = (() => { try { parseStateKey(value); } catch (e) { return e; } })();
      expect(error, String(value)).toBeInstanceOf(AuthError);
      expect((error as AuthError).exitCode).toBe(ExitCode.auth);
      expect((error as AuthError).key).toBe(key);
      expect((error as AuthError).message).toContain('HIMANAGER_CHATWORK_STATE_KEY');
      if (value) expect((error as AuthError).message).not.toContain(value);
    }
  });
});

describe('a printable location', () => {
  it('has no password, in the user part or in the query', () => {
    const location = safeLocation('postgresql://admin:s3cr%40t@db.internal:6432/state?sslmode=require&password=other&application_name=x');
    expect(location).toBe('postgresql://admin@db.internal:6432/state?sslmode=require&application_name=x');
  });
});

describe('loading pg', () => {
  it('happens only when a postgres store is opened', () => {
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => /[\\/]node_modules[\\/]pg[\\/]/.test(path));
      const { openPostgresStore } = await import(${JSON.stringify(new URL('../../dist/store/postgres/open.js', import.meta.url).href)});
      const before = loaded();
      await openPostgresStore('postgres://nobody@127.0.0.1:9/none', { clock: { now: Date.now } }).catch(() => {});
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ before: false, after: true });
  });
});

describe.skipIf(!postgres.available)('PostgreSQL backend', () => {
  describe('store contract: PostgreSQL', () => {
    storeContract(async () => {
      const database = await freshDatabase();
      return {
        open: (fenceTimings) => openPostgresStore(database.url, { clock: systemClock, key: KEY_B64, fenceTimings }),
        child: { backend: 'postgres', location: database.url },
        cleanup: () => database.drop(),
      };
    }, { concurrentInstancesInOneProcess: true });
  });

  let database: TestDatabase;
  const opened: Store[] = [];
  const open = async (options: { key?: string; tokenLockWaitMs?: number; url?: string } = {}) => {
    const store = await openPostgresStore(options.url ?? database.url, { clock: systemClock, key: KEY_B64, ...options });
    opened.push(store);
    return store;
  };
  beforeEach(async () => { database = await freshDatabase(); });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await database.drop();
  });

  describe('schema', () => {
    it('applies the migrations once and records them', async () => {
      const store = await open();
      expect(store.info).toEqual({ backend: 'postgres', location: database.url, schemaVersion: 10 });
      await (await open()).close();
      const rows = await database.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual([{ version: 1, name: 'initial' }, { version: 2, name: 'open-delivery-indexes' }, { version: 3, name: 'tasks-and-recall' }, { version: 4, name: 'fencing' }, { version: 5, name: 'run-records' }, { version: 6, name: 'directory-over-time' }, { version: 7, name: 'link-decisions' }, { version: 10, name: 'audit' }]);
      const tables = (await database.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.tablename);
      expect(tables).toEqual(['audit', 'deliveries', 'delivery_pairs', 'destinations', 'ended_links', 'fencing', 'link_history', 'link_rejections', 'links', 'run_lock', 'runs', 'schema_migrations', 'secrets', 'settings', 'skips', 'users']);
    });

    it('several hosts starting at once on an empty database migrate it once', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      expect(stores.map((store) => store.info.schemaVersion)).toEqual([10, 10, 10]);
      expect(await database.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }, { version: 7 }, { version: 10 }]);
    });

    it('sorts ids by bytes, as SQLite does, in a database with a natural-language collation', async () => {
      const icu = await freshDatabase({ icuLocale: 'en-US' });
      const store = await openPostgresStore(icu.url, { clock: systemClock, key: KEY_B64 });
      try {
        const ids = ['a1', 'B3', 'a_0', 'a-2', 'ä9'];
        const bytes = [...ids].sort();
        expect(bytes).toEqual(['B3', 'a-2', 'a1', 'a_0', 'ä9']);
        // The database itself would sort them otherwise.
        const natural = (await icu.query<{ x: string }>(`SELECT x FROM unnest($1::text[]) x ORDER BY x`, [ids])).map((r) => r.x);
        expect(natural).not.toEqual(bytes);
        await store.links.set(new Map(ids.map((id, i) => [id, { accountId: i + 1, source: 'manual', linkedAt: '2026-11-24T00:00:00.000Z' }])));
        expect([...(await store.links.all()).keys()]).toEqual(bytes);
        await store.deliveries.intent({ key: 'k', roomId: 1, pairs: ids.map((id) => ['r', id]), bodyHash: 'h', type: 'survey', at: 1 });
        expect((await store.deliveries.entry('k'))!.pairs.map(([, id]) => id)).toEqual(bytes);
        const history: string[] = [];
        for await (const row of store.history.query({})) history.push(row.userId);
        expect(history).toEqual(bytes);
      } finally {
        await store.close();
        await icu.drop();
      }
    });

    it('refuses a database written by a newer version (exit 1) and writes nothing', async () => {
      await database.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      await database.query("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01')");
      const error = await open().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).key).toBe('state.newerSchema');
      expect((error as CliError).exitCode).toBe(ExitCode.error);
      expect((error as CliError).params).toMatchObject({ found: 99, known: 10 });
      const tables = (await database.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((r) => r.tablename);
      expect(tables).toEqual(['schema_migrations']);
      expect(await database.query('SELECT version FROM schema_migrations')).toEqual([{ version: 99 }]);
    });

    it('prints its location without the password', async () => {
      const url = new URL(database.url);
      url.password = 'hunter2';
      url.searchParams.set('application_name', 'test');
      const store = await open({ url: url.toString() });
      expect(store.info.location).not.toContain('hunter2');
      expect(store.info.location).toContain(`@${url.host}${url.pathname}`);
    });
  });

  describe('connection errors', () => {
    it('name host:port/database, never the password, exit 1', async () => {
      const refused = await openPostgresStore('postgres://someone:hunter2@127.0.0.1:9/statedb', { clock: systemClock }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CliError);
      expect((refused as CliError).key).toBe('state.pgConnect');
      expect((refused as CliError).exitCode).toBe(ExitCode.error);
      expect((refused as CliError).message).toContain('127.0.0.1:9/statedb');
      expect((refused as CliError).message).toContain('ECONNREFUSED');
      expect(JSON.stringify({ ...(refused as CliError), message: (refused as CliError).message })).not.toContain('hunter2');

      const url = new URL(database.url);
      url.pathname = '/no_such_database';
      url.password = 'hunter2';
      const missing = await openPostgresStore(url.toString(), { clock: systemClock }).catch((e: unknown) => e);
      expect((missing as CliError).key).toBe('state.pgConnect');
      expect((missing as CliError).message).toContain(`${url.hostname}:${url.port}/no_such_database`);
      expect((missing as CliError).message).not.toContain('hunter2');

      // TLS as pg reads it from the URL: the test cluster has none, so a verified TLS connection is refused.
      const tls = new URL(database.url);
      tls.searchParams.set('sslmode', 'verify-full');
      const noTls = await openPostgresStore(tls.toString(), { clock: systemClock }).catch((e: unknown) => e);
      expect((noTls as CliError).key).toBe('state.pgConnect');
      expect((noTls as CliError).message).toMatch(/does not support SSL/);
    });
  });

  describe('the SQL adapter', () => {
    it('reads BIGINT and NUMERIC as numbers for its own pool only; a failed transaction leaves nothing', async () => {
      await open();
      const { db } = await connectPostgres(database.url);
      try {
        const row = await db.get<{ n: unknown; big: unknown; sum: unknown }>('SELECT COUNT(*) AS n, ?::bigint AS big, SUM(x)::numeric AS sum FROM (VALUES (1), (2)) v(x)', [1_764_000_000_000]);
        expect(row).toEqual({ n: 2, big: 1_764_000_000_000, sum: 3 });
        expect(pg.types.getTypeParser(20)('5')).toBe('5');
        // Every write transaction is durable and bounded when idle, set inside it (no startup options).
        const fresh = await connectPostgres(database.url);
        try {
          const inside = await fresh.db.transaction(async (tx) => [
            await tx.get('SHOW idle_in_transaction_session_timeout'), await tx.get('SHOW synchronous_commit'),
          ]);
          expect(inside).toEqual([{ idle_in_transaction_session_timeout: '30s' }, { synchronous_commit: 'on' }]);
          const lockClient = await fresh.dedicatedClient();
          expect((await lockClient.query('SHOW idle_in_transaction_session_timeout')).rows).toEqual([{ idle_in_transaction_session_timeout: '30s' }]);
        } finally {
          await fresh.db.close();
        }

        await expect(db.transaction(async (tx) => {
          await tx.run("INSERT INTO settings (key, value) VALUES ('clientId', '\"x\"')");
          throw new Error('changed my mind');
        })).rejects.toThrow('changed my mind');
        expect(await db.all('SELECT key FROM settings')).toEqual([]);
        expect(await db.run("INSERT INTO settings (key, value) VALUES ('a', '1'), ('b', '2')")).toBe(2);
      } finally {
        await db.close();
      }
    });
  });

  describe('run lock', () => {
    it('a holder whose connection the server drops loses the lock at once, and knows it', async () => {
      const holder = await open();
      const other = await open();
      const lock = await holder.locks.acquireRun() as PostgresRunLock;
      await expect(other.locks.acquireRun()).rejects.toBeInstanceOf(LockedError);
      const hi = Number(LOCK_KEYS.sendReminders >> 32n);
      const lo = Number(LOCK_KEYS.sendReminders & 0xffffffffn);
      // pg_locks is the whole cluster's: only this test's database (other test files hold the same key in theirs).
      const killed = await database.query<{ ok: boolean }>(`SELECT pg_terminate_backend(pid) AS ok FROM pg_locks
        WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objid = $2::bigint::oid AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [hi, lo]);
      expect(killed).toEqual([{ ok: true }]);
      // The row still names the dead holder, but no session holds the lock: stale.
      let state = await other.locks.runHolder();
      for (let i = 0; i < 50 && !state?.stale; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = await other.locks.runHolder();
      }
      expect(state).toMatchObject({ owner: { pid: process.pid }, stale: true });
      const next = await other.locks.acquireRun();
      for (let i = 0; i < 50 && !lock.signal.aborted; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lock.signal.aborted).toBe(true);
      await lock.release();
      // The dead holder's release must not take the new holder's row.
      expect((await other.locks.runHolder())?.stale).toBe(false);
      await next.release();
    });

    it('breakRun clears a row left without a live holder', async () => {
      const store = await open();
      await database.query("INSERT INTO run_lock (id, host, pid, process_start, since, heartbeat) VALUES (1, 'other-host', 4242, NULL, $1, $1)", [Date.now()]);
      expect(await store.locks.runHolder()).toMatchObject({ owner: { host: 'other-host', pid: 4242 }, stale: true });
      expect(await store.locks.breakRun()).toBe(true);
      expect(await store.locks.runHolder()).toBeUndefined();
      expect(await store.locks.breakRun()).toBe(false);
    });
  });

  describe('token lock', () => {
    it('gives up after its wait with a LockedError, and a held lock does not outlive its holder', async () => {
      const holder = await open();
      const waiter = await open({ tokenLockWaitMs: 300 });
      let letGo!: () => void;
      const held = new Promise<void>((resolve) => { letGo = resolve; });
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => { entered = resolve; });
      const holding = holder.locks.withTokenLock(async () => { entered(); await held; return 'done'; });
      await inside;
      const error = await waiter.locks.withTokenLock(async () => 'never').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).key).toBe('state.tokenLockTimeout');
      letGo();
      expect(await holding).toBe('done');
      expect(await waiter.locks.withTokenLock(async () => 'mine')).toBe('mine');
    });
  });

  describe('secrets', () => {
    const TOKEN = 'refresh-token-7f3a9c0e4b1d2a8f';

    it('round-trips, with a fresh nonce on every write and no plaintext in the table', async () => {
      const store = await open();
      const secrets = store.secrets!;
      expect(await secrets.get('tokens')).toBeUndefined();
      await secrets.set('tokens', TOKEN);
      const first = await database.query<{ nonce: string; ciphertext: string; tag: string }>("SELECT nonce, ciphertext, tag FROM secrets WHERE name = 'tokens'");
      await secrets.set('tokens', TOKEN);
      const second = await database.query<{ nonce: string; ciphertext: string }>("SELECT nonce, ciphertext FROM secrets WHERE name = 'tokens'");
      expect(Buffer.from(first[0]!.nonce, 'base64')).toHaveLength(12);
      expect(second[0]!.nonce).not.toBe(first[0]!.nonce);
      expect(second[0]!.ciphertext).not.toBe(first[0]!.ciphertext);
      expect(await secrets.get('tokens')).toBe(TOKEN);
      await secrets.set('client-secret', 'クライアント秘密 🔑');
      expect(await (await open({ key: KEY_HEX })).secrets!.get('client-secret')).toBe('クライアント秘密 🔑');

      const raw = JSON.stringify(await database.query('SELECT * FROM secrets'));
      for (const form of [TOKEN, Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('hex'), KEY_B64, KEY_HEX]) {
        expect(raw).not.toContain(form);
      }
      expect(raw).not.toContain('クライアント秘密');

      await secrets.delete('tokens');
      expect(await secrets.get('tokens')).toBeUndefined();
    });

    it('a wrong key is refused (exit 1, no advice to log in again); a row moved to another name is an AuthError (exit 4); never a crypto error', async () => {
      await (await open()).secrets!.set('tokens', TOKEN);
      const wrong = await (await open({ key: randomBytes(32).toString('base64') })).secrets!.get('tokens').catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(CliError);
      expect((wrong as CliError).exitCode).toBe(ExitCode.error);
      expect((wrong as CliError).key).toBe('state.keyMismatch');
      expect((wrong as CliError).message).not.toMatch(/auth(enticate)? data|Unsupported state|auth login/i);
      expect((wrong as CliError).cause).toBeUndefined();

      await database.query("INSERT INTO secrets (name, nonce, ciphertext, tag, updated_at) SELECT 'client-secret', nonce, ciphertext, tag, updated_at FROM secrets WHERE name = 'tokens'");
      await expect((await open()).secrets!.get('client-secret')).rejects.toMatchObject({ key: 'state.keyWrong', exitCode: ExitCode.auth });

      const saved = process.env.HIMANAGER_CHATWORK_STATE_KEY;
      delete process.env.HIMANAGER_CHATWORK_STATE_KEY;
      try {
        const store = await openPostgresStore(database.url, { clock: systemClock });
        opened.push(store);
        // Everything else works without the key.
        expect(await store.users.count()).toBe(0);
        await expect(store.secrets!.get('tokens')).rejects.toMatchObject({ key: 'state.keyMissing', exitCode: ExitCode.auth });
        await expect(store.secrets!.set('tokens', 'x')).rejects.toMatchObject({ key: 'state.keyMissing' });
        process.env.HIMANAGER_CHATWORK_STATE_KEY = 'not-a-key';
        const badEnv = await openPostgresStore(database.url, { clock: systemClock });
        opened.push(badEnv);
        await expect(badEnv.secrets!.get('tokens')).rejects.toMatchObject({ key: 'state.keyInvalid', exitCode: ExitCode.auth });
        process.env.HIMANAGER_CHATWORK_STATE_KEY = KEY_HEX;
        const fromEnv = await openPostgresStore(database.url, { clock: systemClock });
        opened.push(fromEnv);
        expect(await fromEnv.secrets!.get('tokens')).toBe(TOKEN);
      } finally {
        if (saved === undefined) delete process.env.HIMANAGER_CHATWORK_STATE_KEY;
        else process.env.HIMANAGER_CHATWORK_STATE_KEY = saved;
      }
    });

    const raw = () => database.query<{ name: string; nonce: string; ciphertext: string; tag: string; updated_at: number }>('SELECT name, nonce, ciphertext, tag, updated_at FROM secrets ORDER BY name');

    it('the first write stores a key check; a store under another key refuses every write and read, and changes nothing', async () => {
      const store = await open();
      await store.secrets!.set('tokens', TOKEN);
      expect((await raw()).map((row) => row.name)).toEqual(['key-check', 'tokens']);
      const before = await raw();
      const other = (await open({ key: randomBytes(32).toString('hex') })).secrets!;
      for (const attempt of [() => other.set('tokens', 'overwrite'), () => other.set('client-secret', 'new'), () => other.delete('tokens'),
        () => other.get('tokens'), () => other.get('client-secret'), () => other.rekey(randomBytes(32).toString('base64'), 'NEW')]) {
        await expect(attempt()).rejects.toMatchObject({ key: 'state.keyMismatch', exitCode: ExitCode.error });
      }
      expect(await raw()).toEqual(before);
      expect(await store.secrets!.get('tokens')).toBe(TOKEN);
    });

    it('a database from before the key check gets one from the key that opens every secret, and is refused to any other', async () => {
      await (await open()).secrets!.set('tokens', TOKEN);
      await (await open()).secrets!.set('client-secret', 'cs');
      await database.query("DELETE FROM secrets WHERE name = 'key-check'");
      const before = await raw();
      const other = (await open({ key: randomBytes(32).toString('base64') })).secrets!;
      await expect(other.set('tokens', 'overwrite')).rejects.toMatchObject({ key: 'state.keyMismatch' });
      await expect(other.get('tokens')).rejects.toMatchObject({ key: 'state.keyMismatch' });
      expect(await raw()).toEqual(before);
      // The right key's first read stores the check.
      expect(await (await open()).secrets!.get('tokens')).toBe(TOKEN);
      expect((await raw()).map((row) => row.name)).toEqual(['client-secret', 'key-check', 'tokens']);
    });

    it('rekey re-encrypts every secret under the new key in one transaction; the old key is then refused', async () => {
      const store = await open();
      await store.secrets!.set('tokens', TOKEN);
      await store.secrets!.set('client-secret', 'クライアント秘密');
      const NEW = randomBytes(32).toString('base64');
      await expect(store.secrets!.rekey('not-a-key', 'HIMANAGER_CHATWORK_NEW_STATE_KEY')).rejects.toMatchObject({ key: 'state.keyInvalid', params: { variable: 'HIMANAGER_CHATWORK_NEW_STATE_KEY' } });
      expect(await store.secrets!.rekey(NEW, 'HIMANAGER_CHATWORK_NEW_STATE_KEY')).toBe(2);
      const renewed = (await open({ key: NEW })).secrets!;
      expect(await renewed.get('tokens')).toBe(TOKEN);
      expect(await renewed.get('client-secret')).toBe('クライアント秘密');
      const old = (await open()).secrets!;
      await expect(old.get('tokens')).rejects.toMatchObject({ key: 'state.keyMismatch' });
      await expect(old.set('tokens', 'x')).rejects.toMatchObject({ key: 'state.keyMismatch' });
      expect(await renewed.get('tokens')).toBe(TOKEN);
    });
  });
});
