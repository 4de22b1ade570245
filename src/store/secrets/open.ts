import type { SecretStoreKind } from './secret-store.js';
import { openFileStore } from './file.js';
import { openKeychainStore } from './keychain.js';
import type { SecretStore } from './secret-store.js';

export interface OpenSecretStoreOptions {
  kind: SecretStoreKind;
  configDir: string;
  /** HIMANAGER_CHATWORK_CLIENT_SECRET, which wins over whatever the store holds. */
  clientSecretOverride?: string;
  /** One keychain account per config dir, so two installs on one machine stay apart. */
  keychainAccount: string;
}

/** No silent fallback: a keychain that does not work is an error that names the file backend. */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const base = options.kind === 'file'
    ? openFileStore(options.configDir)
    : await openKeychainStore(options.keychainAccount);
  const override = options.clientSecretOverride;
  if (!override) return base;
  return {
    ...base,
    async get(name) {
      return name === 'client-secret' ? override : base.get(name);
    },
  };
}
