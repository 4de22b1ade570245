import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AuthError } from '../../errors/index.js';

export const STATE_KEY_ENV = 'HIMANAGER_CHATWORK_STATE_KEY';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;

/**
 * The state key: 32 bytes, as 64 hex digits or as base64 (standard or URL-safe, padding
 * optional). Anything else is refused with a message that says what the variable must hold,
 * and never repeats the value.
 */
export function parseStateKey(value: string | undefined, variable = STATE_KEY_ENV): Buffer {
  if (value === undefined || value.trim() === '') throw new AuthError('state.keyMissing', { variable });
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/\-_]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  throw new AuthError('state.keyInvalid', { variable });
}

/** One row of the secrets table: AES-256-GCM, base64. */
export interface SealedRow { nonce: string; ciphertext: string; tag: string }

/** Encrypts under a fresh 12-byte nonce, with the secret's name as additional data (a row copied under another name does not decrypt). */
export function seal(key: Buffer, name: string, value: string): SealedRow {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The plaintext, or undefined when this key (or this name) is not the one the row was sealed with. */
export function unseal(key: Buffer, name: string, row: SealedRow): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(row.nonce, 'base64'));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(Buffer.from(row.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(row.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The key check value: a known text sealed under the key, kept as a row of its own. A key that
 * opens it is the key the secrets were stored with; any other is refused before it writes.
 */
export const KEY_CHECK_NAME = 'key-check';
export const KEY_CHECK_TEXT = 'himanager-chatwork state key check v1';
