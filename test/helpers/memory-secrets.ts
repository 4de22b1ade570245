import type { SecretName, SecretStore } from '../../src/store/secrets/secret-store.js';

export function memorySecrets(initial: Partial<Record<SecretName, string>> = {}): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>(Object.entries(initial));
  return {
    data,
    backend: 'file',
    location: 'memory',
    get: async (name) => data.get(name),
    set: async (name, value) => { data.set(name, value); },
    delete: async (name) => { data.delete(name); },
    probe: async () => {},
  };
}
