import { describe, expect, it } from 'vitest';
import { parseExpiresIn, readStoredTokens, REFRESH_AHEAD_MS, toStoredTokens, TokenManager, type StoredTokens } from '../../src/chatwork/tokens.js';
import type { TokenResponse } from '../../src/chatwork/types.js';
import { AuthError, CliError, FileSystemError, fileSystemError } from '../../src/errors/index.js';
import type { SecretStore } from '../../src/store/secrets/secret-store.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memorySecrets } from '../helpers/memory-secrets.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const tokens = (n: number, expiresAt: number, scope: string[] = ['rooms.all:read_write']): StoredTokens =>
  ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresAt, scope, obtainedAt: T0 });
const answer = (n: number, extra: Partial<TokenResponse> = {}): TokenResponse =>
  ({ access_token: `access-${n}`, token_type: 'Bearer', expires_in: 1800, refresh_token: `refresh-${n}`, ...extra });
const enospc = () => fileSystemError(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), '/config/secrets.json') as FileSystemError;

function setup(stored: StoredTokens | undefined, options: { secrets?: SecretStore; lock?: <T>(fn: () => Promise<T>) => Promise<T> } = {}) {
  const clock = createFakeClock(T0);
  const secrets = options.secrets ?? memorySecrets(stored ? { tokens: JSON.stringify(stored) } : {});
  const refreshed: string[] = [];
  const seen: string[] = [];
  const saveFailures: unknown[] = [];
  let n = 0;
  let locks = 0;
  const manager = new TokenManager({
    secrets, clock,
    withLock: options.lock ?? (async (fn) => { locks += 1; return fn(); }),
    refresh: async (refreshToken) => { refreshed.push(refreshToken); n += 1; return answer(100 + n); },
    onNewTokens: (t) => seen.push(t.accessToken),
    onSaveFailed: (error) => saveFailures.push(error),
  });
  return { manager, clock, secrets, refreshed, seen, saveFailures, locks: () => locks };
}

describe('tokens as stored', () => {
  it('reads expires_in as a number or a string, and anything else as a short 300 s', () => {
    expect(parseExpiresIn(1800)).toBe(1800);
    expect(parseExpiresIn('1800')).toBe(1800);
    for (const bad of [undefined, '', 'soon', 0, -5, Number.NaN]) expect(parseExpiresIn(bad as never)).toBe(300);
  });

  it('keeps the previous refresh token and scope when the answer has none', () => {
    const previous = tokens(1, 0, ['a', 'b']);
    expect(toStoredTokens({ access_token: 'x', token_type: 'Bearer', expires_in: 60 }, T0, previous))
      .toEqual({ accessToken: 'x', expiresAt: T0 + 60_000, refreshToken: 'refresh-1', scope: ['a', 'b'], obtainedAt: T0 });
    expect(toStoredTokens(answer(2, { scope: ' c  d ' }), T0, previous).scope).toEqual(['c', 'd']);
    expect(toStoredTokens(answer(2, { scope: '' }), T0, previous).scope).toEqual([]);
    expect(toStoredTokens(answer(2, { scope: undefined }), T0).scope).toEqual([]);
    expect(() => toStoredTokens({ access_token: 'x', token_type: 'Bearer', expires_in: 60 }, T0)).toThrow(AuthError);
  });

  it('reads nothing from an empty, unreadable or incomplete entry', async () => {
    expect(await readStoredTokens(memorySecrets({}))).toBeUndefined();
    expect(await readStoredTokens(memorySecrets({ tokens: '{not json' }))).toBeUndefined();
    expect(await readStoredTokens(memorySecrets({ tokens: JSON.stringify({ accessToken: 'a' }) }))).toBeUndefined();
    expect(await readStoredTokens(memorySecrets({ tokens: JSON.stringify({ refreshToken: 'r' }) }))).toBeUndefined();
    expect(await readStoredTokens(memorySecrets({ tokens: JSON.stringify(tokens(1, 5)) }))).toEqual(tokens(1, 5));
  });
});

describe('token manager', () => {
  it('hands out a fresh token without refreshing, and refreshes one within two minutes of expiry', async () => {
    const f = setup(tokens(1, T0 + REFRESH_AHEAD_MS + 1));
    expect(await f.manager.accessToken()).toBe('access-1');
    expect(f.refreshed).toEqual([]);
    expect(f.seen).toEqual(['access-1']);
    f.clock.advance(1);
    expect(await f.manager.accessToken()).toBe('access-101');
    expect(f.refreshed).toEqual(['refresh-1']);
    expect(f.manager.refreshCount).toBe(1);
    expect(JSON.parse((await f.secrets.get('tokens'))!)).toEqual({ ...tokens(101, T0 + 1 + 1_800_000), scope: ['rooms.all:read_write'], obtainedAt: T0 + 1 });
    expect(f.seen).toEqual(['access-1', 'access-101']);
  });

  it('asks to log in when nothing is stored', async () => {
    const f = setup(undefined);
    await expect(f.manager.accessToken()).rejects.toMatchObject({ key: 'auth.needed' });
  });

  it('refreshes once for many callers at once, under the lock', async () => {
    const f = setup(tokens(1, 0));
    const all = await Promise.all([f.manager.accessToken(), f.manager.accessToken(), f.manager.accessToken()]);
    expect(all).toEqual(['access-101', 'access-101', 'access-101']);
    expect(f.refreshed).toEqual(['refresh-1']);
    expect(f.locks()).toBe(1);
  });

  it('takes the pair another process stored meanwhile instead of spending its refresh token', async () => {
    const f = setup(tokens(1, 0));
    expect(await f.manager.accessToken()).toBe('access-101');
    // Another cron job refreshed: the store holds a newer, fresh pair.
    await f.secrets.set('tokens', JSON.stringify(tokens(7, T0 + 3_600_000)));
    expect(await f.manager.afterRejection('access-101')).toBe('access-7');
    expect(f.refreshed).toEqual(['refresh-1']);
    // The rejected token is the stored one: a real refresh.
    expect(await f.manager.afterRejection('access-7')).toBe('access-102');
    expect(f.refreshed).toEqual(['refresh-1', 'refresh-7']);
  });

  it('after a rejection, takes a replaced pair even if it looks expired; ahead of expiry, only a fresh one', async () => {
    const f = setup(tokens(1, 0));
    await f.manager.accessToken();
    await f.secrets.set('tokens', JSON.stringify(tokens(8, 0)));
    expect(await f.manager.afterRejection('access-101')).toBe('access-8');
    const g = setup(tokens(1, 0));
    await g.manager.accessToken();
    g.clock.advance(1_800_000);
    await g.secrets.set('tokens', JSON.stringify(tokens(9, 0)));
    expect(await g.manager.accessToken()).toBe('access-102');
    expect(g.refreshed).toEqual(['refresh-1', 'refresh-9']);
  });

  it('refreshes now on request, whatever the expiry', async () => {
    const f = setup(tokens(1, T0 + 3_600_000));
    await f.manager.refreshNow();
    expect(f.refreshed).toEqual(['refresh-1']);
    await f.manager.refreshNow();
    expect(f.refreshed).toEqual(['refresh-1', 'refresh-101']);
  });

  it('asks to log in when the stored pair vanished under the lock', async () => {
    const f = setup(tokens(1, 0));
    await f.secrets.delete('tokens');
    (f.manager as unknown as { current: StoredTokens }).current = tokens(1, 0);
    await expect(f.manager.accessToken()).rejects.toMatchObject({ key: 'auth.needed' });
    expect(f.refreshed).toEqual([]);
  });

  it('does not refresh when the new pair could not be kept: the space is held first', async () => {
    const store = memorySecrets({ tokens: JSON.stringify(tokens(1, 0)) });
    const f = setup(undefined, { secrets: { ...store, prepare: async () => { throw enospc(); } } });
    const error = await f.manager.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).key).toBe('tokens.cannotStore');
    expect(f.refreshed).toEqual([]);
  });

  it('gives back the held space when the refresh fails', async () => {
    const store = memorySecrets({ tokens: JSON.stringify(tokens(1, 0)) });
    const abandoned: string[] = [];
    const clock = createFakeClock(T0);
    const manager = new TokenManager({
      secrets: { ...store, prepare: async (name) => ({ commit: (v) => store.set(name, v), abandon: async () => { abandoned.push(name); } }) },
      clock, withLock: (fn) => fn(), refresh: async () => { throw new AuthError('auth.needed'); },
    });
    await expect(manager.accessToken()).rejects.toBeInstanceOf(AuthError);
    expect(abandoned).toEqual(['tokens']);
    expect(JSON.parse((await store.get('tokens'))!).accessToken).toBe('access-1');
  });

  it('a lock that cannot be taken means no refresh, said as such', async () => {
    const f = setup(tokens(1, 0), { lock: async () => { throw enospc(); } });
    await expect(f.manager.accessToken()).rejects.toMatchObject({ key: 'tokens.cannotStore' });
    const g = setup(tokens(1, 0), { lock: async () => { throw new Error('other'); } });
    await expect(g.manager.accessToken()).rejects.toThrow('other');
    expect(f.refreshed).toEqual([]);
  });

  it('keeps a pair it could not save in memory, says so once, and saves it before the next use', async () => {
    const store = memorySecrets({ tokens: JSON.stringify(tokens(1, 0)) });
    let refuse = 4;
    const secrets: SecretStore = { ...store, async set(name, value) { if (refuse-- > 0) throw enospc(); await store.set(name, value); } };
    const f = setup(undefined, { secrets });
    expect(await f.manager.accessToken()).toBe('access-101');
    expect(f.saveFailures).toHaveLength(1);
    expect(f.clock.sleeps).toEqual([500, 1000]);
    expect(f.manager.unsavedTokens).toBe(true);
    expect(JSON.parse((await store.get('tokens'))!).accessToken).toBe('access-1');
    expect(await f.manager.accessToken()).toBe('access-101'); // the 4th refusal
    expect(f.manager.unsavedTokens).toBe(true);
    expect(await f.manager.accessToken()).toBe('access-101');
    expect(f.manager.unsavedTokens).toBe(false);
    expect(JSON.parse((await store.get('tokens'))!).accessToken).toBe('access-101');
    expect(f.refreshed).toEqual(['refresh-1']);
  });

  it('a save retried in its own backoff succeeds without a word more', async () => {
    const store = memorySecrets({ tokens: JSON.stringify(tokens(1, 0)) });
    let refuse = 1;
    const secrets: SecretStore = { ...store, async set(name, value) { if (refuse-- > 0) throw enospc(); await store.set(name, value); } };
    const f = setup(undefined, { secrets });
    await f.manager.accessToken();
    expect(f.saveFailures).toHaveLength(1);
    expect(f.clock.sleeps).toEqual([500]);
    expect(f.manager.unsavedTokens).toBe(false);
  });
});
