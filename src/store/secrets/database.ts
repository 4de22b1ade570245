import { CliError } from '../../errors/index.js';
import type { Store } from '../store.js';
import { PROBE_VALUE, type SecretName, type SecretStore } from './secret-store.js';

/** The secrets of a shared database, encrypted there; HIMANAGER_CHATWORK_CLIENT_SECRET still wins. */
export function databaseSecretStore(store: Store, clientSecretOverride?: string): SecretStore {
  const secrets = store.secrets;
  if (!secrets) throw new CliError('state.noSecretTable', { location: store.info.location });
  const self: SecretStore = {
    backend: 'database',
    location: store.info.location,
    async get(name) {
      if (name === 'client-secret' && clientSecretOverride) return clientSecretOverride;
      return secrets.get(name);
    },
    set: (name, value) => secrets.set(name, value),
    delete: (name) => secrets.delete(name),
    async probe() {
      const canary = 'probe' as SecretName;
      await secrets.set(canary, PROBE_VALUE);
      await secrets.delete(canary);
    },
  };
  return self;
}
