import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { loggedInConfigDir } from '../helpers/logged-in.js';
import { freshDatabase, postgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { scriptedPrompter } from '../helpers/scripted-prompter.js';
import { withStore } from '../helpers/state.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(3), randomSeed: 29 }); });
afterAll(async () => { await sandbox.stop(); });

describe.skipIf(!postgres.available)('the state key of a shared PostgreSQL store', () => {
  it('a different key is refused for every read and write without damage or advice to log in again; rekey moves every secret to a new key and the old one is then refused', async () => {
    const login = await loggedInConfigDir(sandbox, 'postgres');
    const url = login.env.HIMANAGER_CHATWORK_STATE!;
    const rows = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query('SELECT name, nonce, ciphertext, tag, updated_at FROM secrets ORDER BY name')).rows;
      } finally {
        await client.end();
      }
    };
    expect((await rows()).map((row) => row.name)).toEqual(['client-secret', 'key-check', 'tokens']);
    const cli = (args: string[], key: string | undefined, extra: NodeJS.ProcessEnv = {}, options: Parameters<typeof runCli>[1] = {}) =>
      runCli([...login.args, ...args], { ...options, env: { ...login.env, HIMANAGER_CHATWORK_STATE_KEY: key, ...extra } });
    const oldKey = login.env.HIMANAGER_CHATWORK_STATE_KEY!;
    expect((await cli(['auth', 'status', '--json'], oldKey)).code).toBe(ExitCode.ok);

    const before = await rows();
    const wrongKey = randomBytes(32).toString('base64');
    for (const args of [['auth', 'status'], ['auth', 'login'], ['auth', 'logout', '--yes'], ['doctor'], ['state', 'rekey']]) {
      const refused = await cli(args, wrongKey, { HIMANAGER_CHATWORK_NEW_STATE_KEY: randomBytes(32).toString('hex') });
      expect(refused.code, `${args.join(' ')}: ${refused.stderr}`).toBe(ExitCode.error);
      const said = refused.stdout + refused.stderr;
      expect(said).toContain('HIMANAGER_CHATWORK_STATE_KEY is not the key the secrets in');
      expect(said).not.toMatch(/auth login|log in again/);
      expect(said).not.toContain(wrongKey);
    }
    expect(await rows()).toEqual(before);

    // Never from argv; off a terminal without the variable, it says where to put the key.
    const noNewKey = await cli(['state', 'rekey'], oldKey);
    expect(noNewKey.code).toBe(ExitCode.usage);
    expect(noNewKey.stderr).toContain('HIMANAGER_CHATWORK_NEW_STATE_KEY');
    const newKey = randomBytes(32).toString('base64');
    const rekeyed = await cli(['state', 'rekey'], oldKey, { HIMANAGER_CHATWORK_NEW_STATE_KEY: newKey });
    expect(rekeyed.code, rekeyed.stderr).toBe(ExitCode.ok);
    expect(rekeyed.stderr).toContain('Re-encrypted 2 secret(s)');
    expect(rekeyed.stdout + rekeyed.stderr).not.toContain(newKey);
    const after = await rows();
    expect(after.map((row) => row.name)).toEqual(['client-secret', 'key-check', 'tokens']);
    for (const [i, row] of after.entries()) expect(row.ciphertext).not.toBe(before[i].ciphertext);

    const old = await cli(['auth', 'status'], oldKey);
    expect(old.code).toBe(ExitCode.error);
    expect(old.stderr).toContain('is not the key the secrets in');
    const status = await cli(['auth', 'status', '--json'], newKey);
    expect(status.code, status.stderr).toBe(ExitCode.ok);

    // At a terminal the new key is typed twice; two different ones change nothing.
    const typed = randomBytes(32).toString('hex');
    const differ = await cli(['state', 'rekey'], newKey, {}, { tty: true, overrides: { prompts: scriptedPrompter([typed, `${typed.slice(1)}0`]) } });
    expect(differ.code).toBe(ExitCode.usage);
    const prompted = await cli(['state', 'rekey'], newKey, {}, { tty: true, overrides: { prompts: scriptedPrompter([typed, typed]) } });
    expect(prompted.code, prompted.stderr).toBe(ExitCode.ok);
    expect((await cli(['auth', 'status', '--json'], typed)).code).toBe(ExitCode.ok);
    expect((await cli(['auth', 'status'], newKey)).code).toBe(ExitCode.error);
  });

  it('rekey on a SQLite store says there is nothing to re-encrypt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
    const result = await runCli(['--config-dir', dir, 'state', 'rekey'], { env: { HIMANAGER_CHATWORK_NEW_STATE_KEY: randomBytes(32).toString('base64') } });
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain('keeps no secrets');
  });
});

describe("another program's database", () => {
  /** Bytes, modification time, the files beside it and the tables: everything opening it could change. */
  const snapshot = (file: string) => {
    const db = new DatabaseSync(file, { readOnly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    db.close();
    return { bytes: readFileSync(file), mtime: statSync(file).mtimeMs, beside: readdirSync(join(file, '..')).sort(), tables };
  };

  it('a SQLite file with tables of its own (clashing names or not) is refused with exit 1 by every command, state info too, and left as it was', async () => {
    for (const schema of ['CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', 'CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)',
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)']) {
      const dir = mkdtempSync(join(tmpdir(), 'hmcw-foreign-'));
      const file = join(dir, 'app.db');
      const db = new DatabaseSync(file);
      db.exec(`${schema}; INSERT INTO ${schema.split(' ')[2]} VALUES (1, 'x')`.replace("VALUES (1, 'x')", schema.includes('schema_migrations') ? 'VALUES (20240101)' : "VALUES (1, 'x')"));
      db.close();
      const before = snapshot(file);
      for (const args of [['state', 'info'], ['state', 'export'], ['history'], ['users', 'list']]) {
        const result = await runCli(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-cfg-')), '--state', file, ...args]);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(ExitCode.error);
        expect(result.stderr).toContain(`${file} is another program's SQLite database (tables: ${schema.split(' ')[2]})`);
        expect(result.stderr).not.toContain('unexpected');
      }
      expect(snapshot(file)).toEqual(before);
    }
  });

  it.skipIf(!postgres.available)('a PostgreSQL database with a table of our name, or another tool\'s schema_migrations, is refused naming it, and nothing is created', async () => {
    for (const [schema, named] of [['CREATE TABLE users (x int)', 'users'], ['CREATE TABLE schema_migrations (version bigint PRIMARY KEY)', 'schema_migrations']]) {
      const db = await freshDatabase();
      try {
        await db.query(schema!);
        const result = await runCli(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-cfg-')), 'state', 'info'], { env: { HIMANAGER_CHATWORK_STATE: db.url } });
        expect(result.code, result.stderr).toBe(ExitCode.error);
        expect(result.stderr).toContain(`already has tables named as this tool's (${named})`);
        expect((await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((r) => r.tablename)).toEqual([named]);
      } finally {
        await db.drop();
      }
    }
  });

  it.skipIf(!postgres.available)('a role without CREATE gets a message naming the role and the cause; once the owner has set the store up, the same role uses it', async () => {
    const db = await freshDatabase();
    const role = `hmcw_nocreate_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.HIMANAGER_CHATWORK_TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      await db.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      const asRole = new URL(db.url);
      asRole.username = role;
      const info = () => runCli(['--config-dir', mkdtempSync(join(tmpdir(), 'hmcw-cfg-')), 'state', 'info', '--json'], { env: { HIMANAGER_CHATWORK_STATE: asRole.toString() } });
      const refused = await info();
      expect(refused.code, refused.stderr).toBe(ExitCode.error);
      expect(refused.stderr).toContain(`The PostgreSQL role ${role} may not create tables in schema public`);
      expect(refused.stderr).not.toContain('unexpected');
      expect(await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
      // The owner's first start creates the tables; with rights on the rows only, the role runs no DDL.
      const configDir = mkdtempSync(join(tmpdir(), 'hmcw-cfg-'));
      await withStore(configDir, async () => {}, { HIMANAGER_CHATWORK_STATE: db.url });
      await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      const works = await info();
      expect(works.code, works.stderr).toBe(ExitCode.ok);
      expect(JSON.parse(works.stdout)).toMatchObject({ backend: 'postgres', schemaVersion: 10, users: 0 });
    } finally {
      await db.drop();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});
