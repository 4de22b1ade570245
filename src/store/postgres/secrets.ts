import { AuthError, CliError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import type { SqlDatabase, SqlRunner } from '../sql/database.js';
import type { EncryptedSecrets } from '../store.js';
import { KEY_CHECK_NAME, KEY_CHECK_TEXT, parseStateKey, seal, STATE_KEY_ENV, unseal, type SealedRow } from './secret-crypto.js';

export { parseStateKey } from './secret-crypto.js';

type Row = SealedRow & { name: string };
const UPSERT = `INSERT INTO secrets (name, nonce, ciphertext, tag, updated_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext, tag = excluded.tag, updated_at = excluded.updated_at`;

/**
 * Secrets in the `secrets` table, AES-256-GCM (secret-crypto.ts), under a key that never enters
 * the database; a missing or malformed key is reported when a secret is first needed, so
 * commands that need none work without it. Beside them, a key check value: every write (and
 * every read) first proves the key is the one the secrets are stored with, so a host with
 * another key is refused instead of overwriting what every other host reads. The first write
 * stores the check; a database from before the check gets it once the key opens every secret.
 */
export function encryptedSecrets(db: SqlDatabase, clock: Clock, rawKey: string | undefined, location: string): EncryptedSecrets {
  let key: Buffer | undefined;
  const theKey = () => (key ??= parseStateKey(rawKey));
  const mismatch = () => new CliError('state.keyMismatch', { location, variable: STATE_KEY_ENV });
  const writeCheck = (tx: SqlRunner, k: Buffer) => upsert(tx, KEY_CHECK_NAME, seal(k, KEY_CHECK_NAME, KEY_CHECK_TEXT), clock.now());
  /** Proves `k` is the store's key (or stores the check if nothing proves otherwise); throws the mismatch. */
  const verify = async (tx: SqlRunner, k: Buffer): Promise<Row[]> => {
    const rows = await tx.all<Row>('SELECT name, nonce, ciphertext, tag FROM secrets ORDER BY name');
    const check = rows.find((row) => row.name === KEY_CHECK_NAME);
    const secrets = rows.filter((row) => row.name !== KEY_CHECK_NAME);
    if (check) {
      if (unseal(k, KEY_CHECK_NAME, check) !== KEY_CHECK_TEXT) throw mismatch();
    } else {
      if (secrets.some((row) => unseal(k, row.name, row) === undefined)) throw mismatch();
      await writeCheck(tx, k);
    }
    return secrets;
  };
  return {
    async get(name) {
      const k = theKey();
      const check = await db.get<SealedRow>('SELECT nonce, ciphertext, tag FROM secrets WHERE name = ?', [KEY_CHECK_NAME]);
      if (check && unseal(k, KEY_CHECK_NAME, check) !== KEY_CHECK_TEXT) throw mismatch();
      const row = await db.get<SealedRow>('SELECT nonce, ciphertext, tag FROM secrets WHERE name = ?', [name]);
      if (!row) return undefined;
      const value = unseal(k, name, row);
      // Without a check, a row this key cannot open says nothing about which is wrong: never advise overwriting it.
      if (value === undefined) throw check ? new AuthError('state.keyWrong', { name, location, variable: STATE_KEY_ENV }) : mismatch();
      if (!check) await db.transaction((tx) => verify(tx, k)).catch(() => {});
      return value;
    },
    set: (name, value) => db.transaction(async (tx) => {
      const k = theKey();
      await verify(tx, k);
      await upsert(tx, name, seal(k, name, value), clock.now());
    }),
    delete: (name) => db.transaction(async (tx) => {
      await verify(tx, theKey());
      await tx.run('DELETE FROM secrets WHERE name = ?', [name]);
    }),
    rekey: (newRawKey, variable) => db.transaction(async (tx) => {
      const k = theKey();
      const next = parseStateKey(newRawKey, variable);
      const secrets = await verify(tx, k);
      for (const row of secrets) await upsert(tx, row.name, seal(next, row.name, unseal(k, row.name, row)!), clock.now());
      await writeCheck(tx, next);
      return secrets.length;
    }),
  };
}

function upsert(tx: SqlRunner, name: string, row: SealedRow, at: number) {
  return tx.run(UPSERT, [name, row.nonce, row.ciphertext, row.tag, at]);
}
