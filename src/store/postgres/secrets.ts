import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AuthError } from '../../errors.js';
import type { Clock } from '../../io/clock.js';
import type { SqlDatabase } from '../sql/database.js';
import type { EncryptedSecrets } from '../store.js';

export const STATE_KEY_ENV = 'HIMANAGER_CHATWORK_STATE_KEY';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;

/**
 * The state key: 32 bytes, as 64 hex digits or as base64 (standard or URL-safe, padding
 * optional). Anything else is refused with a message that says what the variable must hold,
 * and never repeats the value.
 */
export function parseStateKey(value: string | undefined): Buffer {
  if (value === undefined || value.trim() === '') throw new AuthError('state.keyMissing', { variable: STATE_KEY_ENV });
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/\-_]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new AuthError('state.keyInvalid', { variable: STATE_KEY_ENV });
}

interface SecretRow { nonce: string; ciphertext: string; tag: string }

/**
 * Secrets in the `secrets` table, AES-256-GCM: a fresh 12-byte nonce per write, the secret's
 * name as additional data (a row copied under another name does not decrypt). The key stays
 * in this process; a missing or malformed key is reported when a secret is first needed, so
 * commands that need none work without it.
 */
export function encryptedSecrets(db: SqlDatabase, clock: Clock, rawKey: string | undefined, location: string): EncryptedSecrets {
  let key: Buffer | undefined;
  const theKey = () => (key ??= parseStateKey(rawKey));
  return {
    async get(name) {
      const k = theKey();
      const row = await db.get<SecretRow>('SELECT nonce, ciphertext, tag FROM secrets WHERE name = ?', [name]);
      if (!row) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(row.nonce, 'base64'));
        decipher.setAAD(Buffer.from(name, 'utf8'));
        decipher.setAuthTag(Buffer.from(row.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(row.ciphertext, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // Never the crypto error itself: it says nothing the admin can act on.
        throw new AuthError('state.keyWrong', { name, location, variable: STATE_KEY_ENV });
      }
    },
    async set(name, value) {
      const k = theKey();
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, nonce);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      await db.run(`INSERT INTO secrets (name, nonce, ciphertext, tag, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext, tag = excluded.tag, updated_at = excluded.updated_at`,
      [name, nonce.toString('base64'), ciphertext.toString('base64'), cipher.getAuthTag().toString('base64'), clock.now()]);
    },
    async delete(name) {
      await db.run('DELETE FROM secrets WHERE name = ?', [name]);
    },
  };
}
