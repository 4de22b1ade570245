import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureLoopbackCertificate } from '../../src/auth/certificate.js';
import { listenForRedirect } from '../../src/auth/loopback.js';
import { stateMatches } from '../../src/auth/pkce.js';
import { checkPastedLine } from '../../src/auth/redirect.js';
import { RateLimiter } from '../../src/chatwork/rate-limiter.js';
import { TokenManager, type StoredTokens } from '../../src/chatwork/tokens.js';
import type { Contact } from '../../src/chatwork/types.js';
import { directChatsOf } from '../helpers/direct-chats.js';
import { HARMLESS_SKIPS, planDeliveries } from '../../src/delivery/plan.js';
import { CliError, fileSystemError, LockedError } from '../../src/errors/index.js';
import { suggestLinks } from '../../src/linking/matcher.js';
import { nameKeys, sharedEvidence } from '../../src/linking/name-index.js';
import { stripDecorations, swappedKey, exactKey } from '../../src/linking/normalize.js';
import { foldRomaji, nameParts, phoneticKey, phoneticKeys } from '../../src/linking/reading.js';
import { acquireLock, isDead, readLockOwner } from '../../src/store/lock.js';
import { HEARTBEAT_EVERY_MS } from '../../src/store/run-lock.js';
import { openSqliteStore } from '../../src/store/sqlite/open.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { memorySecrets } from '../helpers/memory-secrets.js';

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
const ORG = 'Example株式会社';
const TRUST = { own: 1, trusted: [] };
const contact = (account_id: number, name: string, department = ''): Contact => ({
  account_id, room_id: account_id + 1000, name, chatwork_id: `c${account_id}`, organization_id: 1, organization_name: ORG, department,
});
const user = (id: string, name: string, department?: string, reading?: string) => ({ id, name, email: `${id}@x.jp`, department, reading });

describe('readings: exact keys', () => {
  it('folds runs of vowels whole', () => {
    expect(foldRomaji('Tooou')).toBe('to');
    expect(foldRomaji('yuuuki')).toBe('yuki');
  });

  it('gives no key to a part mixing kanji with letters', () => {
    expect(phoneticKey('山田a')).toBeUndefined();
    expect(phoneticKey('山だ')).toBeUndefined();
    expect(phoneticKey('Ann花')).toBeUndefined();
    expect(phoneticKey('はなAnn')).toBeUndefined();
  });

  it('splits by script only a single part of exactly kanji and kana', () => {
    expect(nameParts('、山田 太郎')).toEqual(['山田', '太郎']);
    expect(nameParts('山口だいき 太郎')).toEqual(['山口だいき', '太郎']);
    expect(nameParts('やまだタロウ')).toEqual(['やまだタロウ']);
    expect(nameParts('山田たろうA')).toEqual(['山田たろうA']);
  });

  it('keys a two-part name with a two-part reading: these keys and no others', () => {
    expect(Object.fromEntries(phoneticKeys('山田 太郎', 'やまだ たろう'))).toEqual({
      山田太郎: 'written', 山田taro: 'reading', yamada太郎: 'reading', yamadataro: 'reading', taroyamada: 'reading',
    });
  });

  it('a reading in more parts than the name: the whole reading, both orders', () => {
    expect(Object.fromEntries(phoneticKeys('山田太郎', 'やまだ たろう'))).toEqual({ 山田太郎: 'written', yamadataro: 'reading', taroyamada: 'reading' });
    // A reading part that cannot be read (kanji) gives no reading key at all.
    expect(Object.fromEntries(phoneticKeys('山田太郎', '山田 たろう'))).toEqual({ 山田太郎: 'written' });
  });

  it('reverses only two-part names', () => {
    const keys = phoneticKeys('Anna Maria Rossi');
    expect(keys.has('annamariarossi')).toBe(true);
    expect(keys.has('rossimariaanna')).toBe(false);
  });

  it('keeps a reading that differs from the romaji as written', () => {
    expect(phoneticKeys('Yamada', 'ヤマモト').get('yamamoto')).toBe('reading');
  });
});

describe('name keys and evidence', () => {
  it('a key written on one side and read on the other is a reading', () => {
    expect(sharedEvidence(nameKeys('Ken Mori'), nameKeys('もり けん'))).toBe('reading');
    expect(sharedEvidence(nameKeys('もり けん'), nameKeys('Ken Mori'))).toBe('reading');
    expect(sharedEvidence(nameKeys('森 健', 'もり けん'), nameKeys('Ken Mori'))).toBe('reading');
  });

  it('a bracketed note inside a name leaves a space; a name of decorations only stays, trimmed', () => {
    expect(stripDecorations('田中(営業)舞')).toBe('田中 舞');
    expect(stripDecorations(' 🌸 ')).toBe('🌸');
  });

  it('swaps romaji only when both parts are all letters', () => {
    expect(swappedKey(',Kenji Mori')).toBe(exactKey('MoriKenji'));
    expect(swappedKey('山Kenji Mori')).toBeUndefined();
    expect(swappedKey('Kenji山 Mori')).toBeUndefined();
  });
});

describe('matcher: department help and the order of results', () => {
  it('a one-to-one match with the same department is exact, sure and unambiguous', () => {
    const result = suggestLinks([user('E1', '山田 太郎', '営業部')], [contact(1, '山田 太郎', '営業部')], {}, TRUST);
    expect(result.suggestions.map((s) => [s.reason, s.confidence, s.unambiguous, s.departmentMatches])).toEqual([['exact', 0.99, true, true]]);
  });

  it('a reading gets no department help between namesakes', () => {
    const users = [user('E1', '森 健二', '営業部', 'もり けんじ'), user('E2', '森 健二', '開発部', 'もり けんじ')];
    const result = suggestLinks(users, [contact(1, 'Kenji Mori', '営業部')], {}, TRUST);
    expect(result.suggestions.filter((s) => s.unambiguous)).toEqual([]);
    expect(result.suggestions.map((s) => s.reason)).toEqual(['namesake', 'namesake']);
  });

  it('most sure first, then by user id', () => {
    const result = suggestLinks([user('E2', '髙橋 一郎'), user('E1', '山田 太郎'), user('E3', '佐藤 花子')],
      [contact(1, '高橋 一郎'), contact(2, '山田 太郎'), contact(3, '佐藤 花子')], {}, TRUST);
    expect(result.suggestions.map((s) => [s.user.id, s.confidence])).toEqual([['E1', 0.97], ['E3', 0.97], ['E2', 0.93]]);
  });

  it('a user with no candidate is listed once, even when the people it shares a key with were looked at again', () => {
    const users = [user('X', 'Taro Yamada'), user('Y', '山田 太郎', undefined, 'やまだ たろう')];
    const result = suggestLinks(users, [contact(1, '山田太郎')], {}, TRUST);
    expect(result.suggestions.map((s) => [s.user.id, s.unambiguous])).toEqual([['Y', true]]);
    expect(result.unmatched.map((u) => u.id)).toEqual(['X']);
  });
});

describe('plan: room keys', () => {
  it('tells apart recipient sets whose ids run together', () => {
    const users = new Map(['a', 'bc', 'ab', 'c'].map((id) => [id, { id, name: id, email: `${id}@x` }]));
    const links = new Map(['a', 'bc', 'ab', 'c'].map((id, i) => [id, { accountId: 10 + i, source: 'manual' as const, linkedAt: '' }]));
    const contacts = [10, 11, 12, 13].map((id) => contact(id, `n${id}`));
    const view = { users, links, destinations: { survey: 'room:5' }, templates: {}, pairStates: new Map() };
    const reminder = (to: string[]) => ({ id: 'r1', type: 'survey' as const, to, unknownRecipients: [], record: 1, line: 1 });
    const [one] = planDeliveries([reminder(['a', 'bc'])], view, directChatsOf(contacts), 'en').deliveries;
    const [two] = planDeliveries([reminder(['ab', 'c'])], view, directChatsOf(contacts), 'en').deliveries;
    expect(one!.key).not.toBe(two!.key);
  });

  it('counts as harmless only what needs no one to act', () => {
    // too-long failed the run that met it (exit 3); later runs only restate that final failure.
    // on-leave: the person is away by HR's own record; their reminder is held or lapses, nobody acts.
    expect(HARMLESS_SKIPS).toEqual(['off', 'already-sent', 'already-deferred', 'outside-window', 'recalled', 'too-long', 'retired', 'on-leave']);
  });
});

describe('login: state and redirect', () => {
  it('refuses a state of the same length that differs', () => {
    expect(stateMatches('abcdef', 'abcdeg')).toBe(false);
  });

  it('takes a pasted URL with any number of trailing slashes', () => {
    expect(checkPastedLine('https://127.0.0.1:8443/cb//?code=c&state=s', 'https://127.0.0.1:8443/cb', 's')).toEqual({ kind: 'code', code: 'c' });
    expect(checkPastedLine('https://127.0.0.1:8443/cb?code=c&state=s', 'https://127.0.0.1:8443/cb//', 's')).toEqual({ kind: 'code', code: 'c' });
  });

  it('serves https with its own certificate, with the page headers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hmcw-tls-'));
    const tls = await ensureLoopbackCertificate(dir, T0);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const loopback = await listenForRedirect({ redirectUri: `https://127.0.0.1:${port}/cb`, expectedState: 's', tls, lang: 'en' });
    // The login flow answers the browser once the code is exchanged; here, at once.
    void loopback.result.then(() => loopback.answer('success'));
    try {
      const answer = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/cb?code=c&state=s', ca: tls.cert }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(200);
      expect(answer.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8', connection: 'close',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
      });
      expect(await loopback.result).toEqual({ kind: 'code', code: 'c' });
    } finally {
      await loopback.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('rate limiter: headers that are missing', () => {
  it('keeps the last limit when an answer lacks the header', async () => {
    const clock = createFakeClock(T0);
    const limiter = new RateLimiter(clock);
    await limiter.acquire();
    limiter.release({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': String(T0 / 1000 + 60) });
    await limiter.acquire();
    limiter.release({ 'x-ratelimit-remaining': '9' });
    expect(limiter.snapshot()).toMatchObject({ limit: 300, remaining: 9 });
  });
});

describe('tokens: errors say what to do', () => {
  const stored = (n: number, expiresAt: number): StoredTokens => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresAt, scope: [], obtainedAt: 0 });
  const enospc = () => fileSystemError(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), '/c/secrets.json');

  it('not logged in: the hint names auth login, wherever it is found', async () => {
    const none = new TokenManager({ secrets: memorySecrets(), clock: createFakeClock(T0), withLock: (fn) => fn(), refresh: async () => { throw new Error('no'); } });
    expect(await none.accessToken().catch((e: unknown) => (e as CliError).hint)).toEqual({ key: 'auth.hint.login' });
    const secrets = memorySecrets({ tokens: JSON.stringify(stored(1, 0)) });
    const vanished = new TokenManager({ secrets, clock: createFakeClock(T0), withLock: async (fn) => { await secrets.delete('tokens'); return fn(); }, refresh: async () => { throw new Error('no'); } });
    expect(await vanished.accessToken().catch((e: unknown) => (e as CliError).hint)).toEqual({ key: 'auth.hint.login' });
    const { toStoredTokens } = await import('../../src/chatwork/tokens.js');
    expect((() => { try { toStoredTokens({ access_token: 'x', token_type: 'B', expires_in: 1 }, 0); } catch (e) { return (e as CliError).hint; } })()).toEqual({ key: 'auth.hint.login' });
  });

  it('a store that cannot hold the pair: the cause named in the details, its hint kept', async () => {
    const secrets = { ...memorySecrets({ tokens: JSON.stringify(stored(1, 0)) }), prepare: async () => { throw enospc(); } };
    const manager = new TokenManager({ secrets, clock: createFakeClock(T0), withLock: (fn) => fn(), refresh: async () => { throw new Error('no'); } });
    const error = await manager.accessToken().catch((e: unknown) => e) as CliError;
    expect(error.key).toBe('tokens.cannotStore');
    expect(error.details).toEqual([{ key: 'fs.diskFull', params: { path: '/c/secrets.json' }, prefix: '  ' }]);
    expect(error.hint).toEqual({ key: 'fs.diskFull.hint', params: { path: '/c/secrets.json' } });
  });

  it('an error reading the store under the lock passes as it is', async () => {
    const inner = memorySecrets({ tokens: JSON.stringify(stored(1, 0)) });
    let reads = 0;
    const secrets = { ...inner, get: async (name: 'tokens' | 'client-secret') => { if (++reads > 1) throw enospc(); return inner.get(name); } };
    const manager = new TokenManager({ secrets, clock: createFakeClock(T0), withLock: (fn) => fn(), refresh: async () => { throw new Error('no'); } });
    expect(await manager.accessToken().catch((e: unknown) => (e as CliError).key)).toBe('fs.diskFull');
  });

  it('refreshNow takes a pair another process stored meanwhile, whatever its expiry', async () => {
    const secrets = memorySecrets({ tokens: JSON.stringify(stored(1, T0 + 3_600_000)) });
    const refreshed: string[] = [];
    const manager = new TokenManager({ secrets, clock: createFakeClock(T0), withLock: (fn) => fn(),
      refresh: async (token) => { refreshed.push(token); return { access_token: 'new', token_type: 'B', expires_in: 1800, refresh_token: 'rn' }; } });
    await manager.accessToken();
    await secrets.set('tokens', JSON.stringify(stored(7, 0)));
    await manager.refreshNow();
    expect(refreshed).toEqual([]);
    expect(await manager.afterRejection('a7')).toBe('new');
  });
});

describe('file lock: edges', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'hmcw-flock-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('passes on an error other than "exists" at once', async () => {
    await expect(acquireLock(join(dir, 'x'.repeat(300)), { clock: createFakeClock(T0) })).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
  });

  it('a lock file that vanished is one nobody holds; pid 0 (being written) is alive', async () => {
    expect(await readLockOwner(join(dir, 'none.lock'))).toEqual({ pid: -1, host: '', since: '' });
    expect(isDead({ pid: -1, host: '', since: '' })).toBe(true);
    expect(isDead({ pid: 0, host: hostname(), since: '' })).toBe(false);
  });

  it('takes over a lock file left empty long ago', async () => {
    const path = join(dir, 'old.lock');
    await writeFile(path, '');
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    expect(await readLockOwner(path)).toBeUndefined();
    const lock = await acquireLock(path, { clock: createFakeClock(T0) });
    expect((await readLockOwner(path))?.pid).toBe(process.pid);
    await lock.release();
  });

  it('says how long it waited, and release leaves a lock of another host with our pid', async () => {
    const path = join(dir, 'held.lock');
    await writeFile(path, JSON.stringify({ pid: 4_000_000, host: 'other-host', since: 'x' }));
    const error = await acquireLock(path, { clock: createFakeClock(T0), waitMs: 2_000, pollMs: 1_000 }).catch((e: unknown) => e) as LockedError;
    expect(error.params).toMatchObject({ seconds: 2, pid: 4_000_000 });
    const mine = join(dir, 'mine.lock');
    const lock = await acquireLock(mine, { clock: createFakeClock(T0) });
    const theirs = JSON.stringify({ pid: process.pid, host: 'other-host', since: 'x' });
    await writeFile(mine, theirs);
    await lock.release();
    expect((await readLockOwner(mine))?.host).toBe('other-host');
  });
});

describe('run lock: heartbeat and refusal', () => {
  let dir: string;
  let store: Store;
  let clock: ReturnType<typeof createFakeClock>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hmcw-beat-'));
    clock = createFakeClock(T0);
    store = await openSqliteStore(join(dir, 'state.db'), { clock, configDir: dir });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('beats while held, with the time of its clock', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const lock = await store.locks.acquireRun();
    clock.advance(20_000);
    vi.advanceTimersByTime(HEARTBEAT_EVERY_MS);
    await vi.waitFor(async () => expect((await store.locks.runHolder())?.owner.heartbeat).toBe(T0 + 20_000));
    expect((await store.locks.runHolder())?.owner.since).toBe(T0);
    await lock.release();
  });

  it('refuses to break a live lock, naming its holder', async () => {
    const lock = await store.locks.acquireRun();
    const error = await store.locks.breakRun().catch((e: unknown) => e) as LockedError;
    expect(error.params).toEqual({ host: hostname(), pid: process.pid, since: new Date(T0).toISOString() });
    await lock.release();
  });
});

describe('ledger: the rest of what it keeps', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hmcw-ledger-'));
    store = await openSqliteStore(join(dir, 'state.db'), { clock: createFakeClock(T0), configDir: dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a run in the window reads back in the window', async () => {
    await store.deliveries.runFinished({ delivered: 1, failed: 0, skipped: 0, exitCode: 0, startedAt: 1, inWindow: true }, 2);
    expect((await store.deliveries.recentRuns())[0]).toMatchObject({ inWindow: true });
  });

  it('a delivery is kept under its reminder; one with no pairs under its key', async () => {
    await store.deliveries.intent({ key: pairKey('r1', 'E1'), roomId: 1, pairs: [['r1', 'E1']], bodyHash: 'h', type: 'survey', at: T0 });
    await store.deliveries.intent({ key: 'lonely', roomId: 1, pairs: [], bodyHash: 'h', type: 'survey', at: T0 });
    const records = [];
    for await (const record of store.exportRecords()) if (record.kind === 'delivery') records.push([record.key, record.reminderId]);
    expect(records).toEqual([['lonely', 'lonely'], [pairKey('r1', 'E1'), 'r1']]);
  });
});
