import type { MessageKey } from './catalog.js';
import type { Translate } from './translate.js';

/** A store's kind as a person reads it (ファイル, OS のキーチェーン…); --json keeps the ids. */
export function backendName(t: Translate, backend: string): string {
  const key = `backend.${backend}`;
  return isKey(key) ? t(key) : backend;
}

/** Where the secrets are, in words: the keychain's own location string is English. */
export function secretLocation(t: Translate, backend: string, location: string): string {
  const keychain = /service "([^"]+)", account "([^"]+)"/.exec(location);
  return backend === 'keychain' && keychain ? t('backend.keychainLocation', { service: keychain[1]!, account: keychain[2]! }) : location;
}

const KEYS = new Set(['backend.file', 'backend.keychain', 'backend.database', 'backend.sqlite', 'backend.postgres']);
function isKey(key: string): key is MessageKey {
  return KEYS.has(key);
}
