import { SecretStoreError } from '../../errors/index.js';
import { KEYCHAIN_SERVICE, PROBE_VALUE, type SecretName, type SecretStore } from './secret-store.js';

type AsyncEntryClass = typeof import('@napi-rs/keyring').AsyncEntry;
type AsyncEntry = InstanceType<AsyncEntryClass>;

const KEYCHAIN_TIMEOUT_MS = 3_000;

/**
 * The OS keychain through @napi-rs/keyring. Two of its habits shape this file:
 * getPassword() reports a locked keyring as "not found", so we use the bytes API,
 * which rejects; and on Linux it may fall back to the kernel keyring, which is lost
 * at reboot, so the Secret Service is pinned.
 */
export async function openKeychainStore(account: string, timeoutMs = KEYCHAIN_TIMEOUT_MS): Promise<SecretStore> {
  const { AsyncEntry } = await import('@napi-rs/keyring');
  const entry = (name: string): AsyncEntry => {
    try {
      return new AsyncEntry(KEYCHAIN_SERVICE, `${account}:${name}`, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw classify(error, timeoutMs);
    }
  };
  // One call at a time: two at once on a locked keychain raise two unlock prompts, and
  // gnome-keyring may leave the second waiting for ever (and the process with it).
  let queue: Promise<unknown> = Promise.resolve();
  const call = <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const next = queue.then(() => callNow(work), () => callNow(work));
    queue = next.catch(() => undefined);
    return next;
  };
  const callNow = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new SecretStoreError('timeout', { seconds: timeoutMs / 1000 }));
      }, timeoutMs);
    });
    try {
      return await Promise.race([work(controller.signal), timeout]);
    } catch (error) {
      throw classify(error, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  };
  const store: SecretStore = {
    backend: 'keychain',
    location: `OS keychain, service "${KEYCHAIN_SERVICE}", account "${account}:*"`,
    async get(name) {
      const bytes = await call((signal) => entry(name).getSecret(signal));
      return bytes === null ? undefined : Buffer.from(bytes).toString('utf8');
    },
    async set(name, value) {
      await call((signal) => entry(name).setSecret(Buffer.from(value, 'utf8'), signal));
    },
    async delete(name) {
      await call((signal) => entry(name).deleteCredential(signal));
    },
    // A keychain has no disk space to reserve: a canary written and removed shows it takes writes now.
    async prepare(name) {
      await store.probe();
      return { commit: (value) => store.set(name, value), abandon: async () => {} };
    },
    async probe() {
      const canary = 'probe' as SecretName;
      await store.set(canary, PROBE_VALUE);
      const back = await store.get(canary);
      await store.delete(canary);
      if (back !== PROBE_VALUE) throw new SecretStoreError('unavailable', { detail: 'read-back mismatch' });
    },
  };
  return store;
}

/** Tells a locked keychain from one that is not there at all. */
function classify(error: unknown, timeoutMs: number): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as Error)?.name === 'AbortError') return new SecretStoreError('timeout', { seconds: timeoutMs / 1000 }, error);
  if (/locked|unlock|prompt was dismissed|interaction is not allowed|-25308/i.test(message)) {
    return new SecretStoreError('locked', { detail: shorten(message) }, error);
  }
  return new SecretStoreError('unavailable', { detail: shorten(message) }, error);
}

function shorten(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}
