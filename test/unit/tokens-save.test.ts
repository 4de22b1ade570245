import { withFileLock } from '../../src/store/lock.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenManager, type StoredTokens } from '../../src/chatwork/tokens.js';
import { fileSystemError } from '../../src/errors/index.js';
import type { SecretStore } from '../../src/store/secrets/secret-store.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memorySecrets } from '../helpers/memory-secrets.js';

const expired: StoredTokens = { accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: 0, scope: [], obtainedAt: 0 };
const enospc = () => fileSystemError(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }), '/config/secrets.json');

/** A store that takes the reservation, then refuses `failures` writes: space taken by someone else meanwhile. */
function refusingStore(failures: number): SecretStore & { data: Map<string, string> } {
  const store = memorySecrets({ tokens: JSON.stringify(expired) });
  let left = failures;
  const set = async (name: 'tokens' | 'client-secret', value: string) => {
    if (left-- > 0) throw enospc();
    await store.set(name, value);
  };
  return { ...store, set, prepare: async (name) => ({ commit: (value) => set(name, value), abandon: async () => {} }) };
}

function manager(store: SecretStore, failures: unknown[]) {
  let n = 0;
  return new TokenManager({
    secrets: store,
    clock: createFakeClock(),
    withLock: (fn) => withFileLock(join(mkdtempSync(join(tmpdir(), 'hmcw-tok-')), 'token.lock'), createFakeClock(), 30_000, fn),
    refresh: async (refreshToken) => {
      expect(refreshToken).toBe(`refresh-${n}`);
      n += 1;
      return { access_token: `access-${n}`, token_type: 'Bearer', expires_in: 1800, refresh_token: `refresh-${n}` };
    },
    onSaveFailed: (error) => { failures.push(error); },
  });
}

describe('a new token pair that cannot be saved at once', () => {
  it('is kept in memory, reported once, and saved by a retry', async () => {
    const store = refusingStore(2);
    const failures: unknown[] = [];
    const tokens = manager(store, failures);
    expect(await tokens.accessToken()).toBe('access-1');
    expect(failures).toHaveLength(1);
    expect((failures[0] as Error).message).toContain('disk full at /config/secrets.json');
    expect(tokens.unsavedTokens).toBe(false);
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('still serves the run while the disk stays full, and saves before the next use once it can', async () => {
    const store = refusingStore(3);
    const failures: unknown[] = [];
    const tokens = manager(store, failures);
    expect(await tokens.accessToken()).toBe('access-1');
    expect(tokens.unsavedTokens).toBe(true);
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ refreshToken: 'refresh-0' });
    expect(await tokens.accessToken()).toBe('access-1');
    expect(tokens.unsavedTokens).toBe(false);
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ refreshToken: 'refresh-1' });
  });

  it('a pair saved late does not mark a newer unsaved pair as saved', async () => {
    // Writes: pair 1's first write fails (and its two retries); its next write lands but answers
    // late; pair 2's writes fail while pair 1's is still answering.
    const store = memorySecrets({ tokens: JSON.stringify(expired) });
    let release!: () => void;
    const plan: ('fail' | 'late' | 'ok')[] = ['fail', 'fail', 'fail', 'late', 'fail', 'fail', 'fail'];
    const set = async (name: 'tokens' | 'client-secret', value: string) => {
      const how = plan.shift() ?? 'ok';
      if (how === 'fail') throw enospc();
      store.data.set(name, value);
      if (how === 'late') await new Promise<void>((resolve) => { release = resolve; });
    };
    const secrets = { ...store, set, prepare: async (name: 'tokens') => ({ commit: (value: string) => set(name, value), abandon: async () => {} }) };
    const failures: unknown[] = [];
    const tokens = manager(secrets, failures);
    expect(await tokens.accessToken()).toBe('access-1');
    expect(tokens.unsavedTokens).toBe(true);
    // The next use writes pair 1 again; the write lands, its answer has not come back yet.
    const using = tokens.accessToken();
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ refreshToken: 'refresh-1' });
    // Meanwhile Chatwork rejects access-1: a refresh, and pair 2 cannot be saved.
    expect(await tokens.afterRejection('access-1')).toBe('access-2');
    expect(tokens.unsavedTokens).toBe(true);
    release();
    await using;
    // Pair 1's late answer must not count as pair 2's save: pair 2 is still only in memory.
    expect(tokens.unsavedTokens).toBe(true);
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ refreshToken: 'refresh-1' });
    expect(await tokens.accessToken()).toBe('access-2');
    expect(tokens.unsavedTokens).toBe(false);
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ refreshToken: 'refresh-2' });
  });

  it('a retry that wakes after another use saved the pair writes nothing more', async () => {
    // The first write of pair 1 fails; every later write succeeds and is recorded.
    const store = memorySecrets({ tokens: JSON.stringify(expired) });
    const written: (string | undefined)[] = [];
    let failFirst = true;
    const set = async (name: 'tokens' | 'client-secret', value: string) => {
      if (failFirst) { failFirst = false; throw enospc(); }
      written.push(value);
      store.data.set(name, value);
    };
    const secrets = { ...store, set, prepare: async (name: 'tokens') => ({ commit: (value: string) => set(name, value), abandon: async () => {} }) };
    // A clock whose retry pause ends only when the test says so.
    let slept!: () => void;
    const asleep = new Promise<void>((resolve) => { slept = resolve; });
    let wake!: () => void;
    const clock = { now: () => 0, sleep: () => new Promise<void>((resolve) => { wake = resolve; slept(); }) };
    const tokens = new TokenManager({
      secrets, clock, withLock: (fn) => fn(),
      refresh: async () => ({ access_token: 'access-1', token_type: 'Bearer', expires_in: 1800, refresh_token: 'refresh-1' }),
    });
    const first = tokens.accessToken();
    await asleep;
    // While the retry pauses, another request uses the token: it saves the pair first.
    expect(await tokens.accessToken()).toBe('access-1');
    expect(tokens.unsavedTokens).toBe(false);
    wake();
    expect(await first).toBe('access-1');
    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0]!)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(JSON.parse(store.data.get('tokens')!)).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });
});
