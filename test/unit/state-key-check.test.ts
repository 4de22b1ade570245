import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, CliError, ExitCode } from '../../src/errors/index.js';
import { KEY_CHECK_NAME, parseStateKey, seal, STATE_KEY_ENV, unseal } from '../../src/store/postgres/secret-crypto.js';
import { encryptedSecrets } from '../../src/store/postgres/secrets.js';
import type { SqlDatabase } from '../../src/store/sql/database.js';
import { sqliteDatabase } from '../../src/store/sqlite/database.js';
import type { EncryptedSecrets } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';

/**
 * The state key and its check, in this process: the secrets table of the PostgreSQL schema
 * (0001-initial), here in an in-memory SQLite database, since the logic is the shared SQL and
 * the cipher, not PostgreSQL. A host with another key is refused before it reads or writes,
 * with an error that names the database and the variable and never shows a key.
 */
const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const A = KEY_A.toString('base64');
const B = KEY_B.toString('hex');
const LOCATION = 'postgresql://hmcw@db.internal/state';
let db: SqlDatabase;

beforeEach(async () => {
  db = sqliteDatabase(new DatabaseSync(':memory:'), ':memory:');
  await db.exec('CREATE TABLE secrets (name TEXT PRIMARY KEY, nonce TEXT NOT NULL, ciphertext TEXT NOT NULL, tag TEXT NOT NULL, updated_at BIGINT NOT NULL)');
});
afterEach(async () => { await db.close(); });

const secretsWith = (key: string | undefined) => encryptedSecrets(db, createFakeClock(), key, LOCATION);
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
const names = async () => (await db.all<{ name: string }>('SELECT name FROM secrets ORDER BY name')).map((row) => row.name);
const rows = () => db.all('SELECT * FROM secrets ORDER BY name');

function expectMismatch(error: unknown) {
  expect(error).toBeInstanceOf(CliError);
  expect(error).toMatchObject({ key: 'state.keyMismatch', params: { location: LOCATION, variable: STATE_KEY_ENV } });
  expect((error as Error).message).not.toContain(A);
  expect((error as Error).message).not.toContain(B);
}

describe('a wrong state key', () => {
  let right: EncryptedSecrets;
  beforeEach(async () => {
    right = secretsWith(A);
    await right.set('refresh', 'r-token');
    await right.set('client', 'c-secret');
  });

  it('is refused for reading, writing, deleting and rekeying, naming the database and the variable, and changes nothing', async () => {
    const before = await rows();
    const wrong = secretsWith(B);
    expectMismatch(await refusal(wrong.get('refresh')));
    expectMismatch(await refusal(wrong.get('absent')));
    expectMismatch(await refusal(wrong.set('refresh', 'overwritten')));
    expectMismatch(await refusal(wrong.set('new', 'x')));
    expectMismatch(await refusal(wrong.delete('client')));
    expectMismatch(await refusal(wrong.rekey(randomBytes(32).toString('hex'), 'NEW_KEY')));
    expect(await rows()).toEqual(before);
    expect(await right.get('refresh')).toBe('r-token');
  });

  it('is refused even when every secret was deleted: the check alone tells the key', async () => {
    await right.delete('refresh');
    await right.delete('client');
    expect(await names()).toEqual([KEY_CHECK_NAME]);
    expectMismatch(await refusal(secretsWith(B).set('refresh', 'other')));
    expect(await names()).toEqual([KEY_CHECK_NAME]);
  });

  it('the right key reads, writes, deletes; an absent secret is undefined', async () => {
    expect(await right.get('client')).toBe('c-secret');
    expect(await right.get('absent')).toBeUndefined();
    await right.set('client', 'c2');
    expect(await secretsWith(A).get('client')).toBe('c2');
    await right.delete('client');
    expect(await right.get('client')).toBeUndefined();
    expect(await names()).toEqual([KEY_CHECK_NAME, 'refresh']);
  });

  it('one secret the right key cannot open (a row copied under another name) is named, not blamed on the key', async () => {
    await db.run("UPDATE secrets SET nonce = (SELECT nonce FROM secrets WHERE name = 'refresh'), ciphertext = (SELECT ciphertext FROM secrets WHERE name = 'refresh'), tag = (SELECT tag FROM secrets WHERE name = 'refresh') WHERE name = 'client'");
    const error = await refusal(right.get('client'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ key: 'state.keyWrong', params: { name: 'client', location: LOCATION, variable: STATE_KEY_ENV } });
    expect(await right.get('refresh')).toBe('r-token');
  });
});

describe('a database from before the key check', () => {
  const legacy = async (key: Buffer, secrets: Record<string, string>) => {
    for (const [name, value] of Object.entries(secrets)) {
      const row = seal(key, name, value);
      await db.run('INSERT INTO secrets (name, nonce, ciphertext, tag, updated_at) VALUES (?, ?, ?, ?, 0)', [name, row.nonce, row.ciphertext, row.tag]);
    }
  };

  it('gets its check from the first read with a key that opens every secret; another key is refused from then on', async () => {
    await legacy(KEY_A, { refresh: 'r-token', client: 'c-secret' });
    expect(await secretsWith(A).get('refresh')).toBe('r-token');
    expect(await names()).toEqual(['client', KEY_CHECK_NAME, 'refresh']);
    expectMismatch(await refusal(secretsWith(B).get('absent')));
  });

  it('a read by a key that opens the secret asked for but not every other stores no check', async () => {
    await legacy(KEY_A, { refresh: 'r-token' });
    await legacy(KEY_B, { client: 'c-secret' });
    expect(await secretsWith(A).get('refresh')).toBe('r-token');
    expect(await names()).toEqual(['client', 'refresh']);
  });

  it('a key that opens nothing there is refused as a mismatch, without a check to tell which is wrong', async () => {
    await legacy(KEY_A, { refresh: 'r-token' });
    expectMismatch(await refusal(secretsWith(B).get('refresh')));
    expectMismatch(await refusal(secretsWith(B).set('client', 'x')));
    expect(await names()).toEqual(['refresh']);
  });

  it('the first write stores the check with the secret', async () => {
    await secretsWith(B).set('client', 'c');
    expect(await names()).toEqual(['client', KEY_CHECK_NAME]);
    expectMismatch(await refusal(secretsWith(A).get('client')));
  });
});

describe('rekeying', () => {
  it('seals every secret and the check under the new key, counting the secrets; the old key is refused after', async () => {
    await secretsWith(A).set('refresh', 'r-token');
    await secretsWith(A).set('client', 'c-secret');
    expect(await secretsWith(A).rekey(B, 'NEW_KEY')).toBe(2);
    expect(await secretsWith(B).get('refresh')).toBe('r-token');
    expect(await secretsWith(B).get('client')).toBe('c-secret');
    expectMismatch(await refusal(secretsWith(A).get('refresh')));
  });

  it('refuses a new key that is not one, naming the variable it came from, and changes nothing', async () => {
    await secretsWith(A).set('refresh', 'r-token');
    const before = await rows();
    const error = await refusal(secretsWith(A).rekey('short', 'NEW_KEY'));
    expect(error).toMatchObject({ key: 'state.keyInvalid', params: { variable: 'NEW_KEY' } });
    expect(await rows()).toEqual(before);
  });
});

describe('the state key itself', () => {
  it('is needed only when a secret is', async () => {
    const none = secretsWith(undefined);
    const error = await refusal(none.get('refresh'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ key: 'state.keyMissing', params: { variable: STATE_KEY_ENV }, exitCode: ExitCode.auth });
    expect(await names()).toEqual([]);
  });

  it('takes 32 bytes as 64 hex digits or base64 (padded or not, standard or URL-safe), around spaces', () => {
    const key = Buffer.from('fb'.repeat(32), 'hex');
    expect(parseStateKey('fb'.repeat(32))).toEqual(key);
    expect(parseStateKey(` ${'FB'.repeat(32)}\n`)).toEqual(key);
    expect(parseStateKey(key.toString('base64'))).toEqual(key);
    expect(key.toString('base64')).toMatch(/[+/]/);
    expect(parseStateKey(key.toString('base64').replace(/=$/, ''))).toEqual(key);
    expect(parseStateKey(key.toString('base64url'))).toEqual(key);
    expect(key.toString('base64url')).toMatch(/[-_]/);
  });

  it.each([
    ['63 hex digits', 'a'.repeat(63)], ['65 hex digits', 'a'.repeat(65)], ['42 base64 characters', 'A'.repeat(42)], ['45 base64 characters', 'A'.repeat(45)],
    ['base64 with two pads', `${'A'.repeat(42)}==`], ['a character outside base64', `${'A'.repeat(42)}*`], ['a passphrase', 'correct horse battery staple'],
    ['base64 after another character', `*${'A'.repeat(43)}`], ['base64 before another character', `${'A'.repeat(43)}*`],
    ['hex after another character', `z${'a'.repeat(64)}`], ['hex before another character', `${'a'.repeat(64)}z`],
  ])('refuses %s, naming the variable, never the value', (_what, value) => {
    const error = (() => { try { parseStateKey(value, 'MY_KEY'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ key: 'state.keyInvalid', params: { variable: 'MY_KEY' }, exitCode: ExitCode.auth });
    expect((error as Error).message).not.toContain(value);
  });

  it('refuses an empty or blank key as missing', () => {
    for (const value of [undefined, '', ' \n']) {
      const error = (() => { try { parseStateKey(value); } catch (e) { return e; } })();
      expect(error, JSON.stringify(value)).toMatchObject({ key: 'state.keyMissing', params: { variable: STATE_KEY_ENV } });
    }
  });

  it('seals under a fresh nonce each time; opens only with the same key and the same name, and an untouched row', () => {
    const one = seal(KEY_A, 'refresh', 'r-token');
    const two = seal(KEY_A, 'refresh', 'r-token');
    expect(one.nonce).not.toBe(two.nonce);
    expect(Buffer.from(one.nonce, 'base64')).toHaveLength(12);
    expect(unseal(KEY_A, 'refresh', one)).toBe('r-token');
    expect(unseal(KEY_A, 'refresh', two)).toBe('r-token');
    expect(unseal(KEY_B, 'refresh', one)).toBeUndefined();
    expect(unseal(KEY_A, 'client', one)).toBeUndefined();
    expect(unseal(KEY_A, 'refresh', { ...one, tag: two.tag })).toBeUndefined();
    expect(unseal(KEY_A, 'refresh', { ...one, ciphertext: Buffer.from('x').toString('base64') })).toBeUndefined();
  });
});
