import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpRecord, type DumpRecord } from '../../src/store/dump-format.js';
import { DEFAULT_CALENDAR } from '../../src/calendar/calendar.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { CliError, ExitCode, LockedError } from '../../src/errors/index.js';
import { pairKey, type HistoryQuery, type IntentRecord, type Store } from '../../src/store/store.js';
import type { FenceTimings } from '../../src/store/fence-timings.js';
import { decisionsContract, decisionsDumpContract } from './decisions-contract.js';
import { leaveContract } from './leave-contract.js';
import { roundsContract } from './rounds-contract.js';
import { restoreTwiceContract } from './restore-twice-contract.js';
import { auditContract } from './audit-contract.js';

const CHILD = fileURLToPath(new URL('../helpers/store-child.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/store/postgres/open.js', import.meta.url));

/** One empty store location: open() opens another instance on it, as another command would. */
export interface ContractLocation {
  /** `fenceTimings`: the run lock's times, shortened where a test waits them out. */
  open(fenceTimings?: FenceTimings): Promise<Store>;
  /** What store-child.mjs needs to open the same store in another process. */
  child: { backend: 'sqlite' | 'postgres'; location: string };
  cleanup(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 24, 1, 0, 0);
/** Fencing times short enough to wait out in a test. */
const SHORT: FenceTimings = { postTimeoutMs: 600, marginMs: 200, pingMs: 200, sessionTimeoutMs: 2_000 };
const link = (accountId: number, source: Link['source'] = 'manual'): Link => ({ accountId, source, linkedAt: '2026-11-24T01:00:00.000Z' });
const user = (id: string, name = `User ${id}`): HiManagerUser => ({ id, name, email: `${id}@example.com` });
const intent = (key: string, pairs: [string, string][], at: number, roomId = 100): IntentRecord =>
  ({ key, roomId, pairs, bodyHash: `hash-${key}`, type: 'survey', at });

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Runs store-child.mjs and resolves with its JSON lines once it exits 0. */
function runChild(target: ContractLocation['child'], ...args: string[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, target.backend, target.location, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => code === 0
      ? resolve(out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)))
      : reject(new Error(`store-child ${args.join(' ')} exited ${code}: ${err}`)));
  });
}

/** Starts a child that takes the run lock and keeps it; resolves once it holds it. */
function holdRunLockInChild(target: ContractLocation['child']): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, target.backend, target.location, 'hold-run-lock'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('exit', (code) => reject(new Error(`the lock holder exited ${code}: ${err}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if ((JSON.parse(line) as { locked?: number }).locked) resolve(child);
    });
  });
}

/** Tries until `attempt` stops throwing a LockedError (the server or the OS notices a death a moment later). */
async function eventually<T>(attempt: () => Promise<T>, tries = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LockedError) || i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface ContractOptions {
  /**
   * Whether two instances of the store may write at once from one process. node:sqlite waits
   * for a busy database synchronously, blocking the event loop that the other instance needs
   * to finish its transaction: SQLite's concurrency is tested across processes only.
   */
  concurrentInstancesInOneProcess?: boolean;
}

/**
 * The store interface's behaviour, the same on every backend. `fresh` gives a new, empty store
 * location for each test.
 */
export function storeContract(fresh: () => Promise<ContractLocation>, options: ContractOptions = {}): void {
  let location: ContractLocation;
  let store: Store;
  const others: Store[] = [];
  const another = async (fenceTimings?: FenceTimings) => {
    const opened = await location.open(fenceTimings);
    others.push(opened);
    return opened;
  };

  beforeEach(async () => {
    location = await fresh();
    store = await location.open();
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await store.close();
    await location.cleanup();
  });

  describe('config', () => {
    it('starts from the defaults, and update writes only what changed', async () => {
      expect(await store.config.get()).toEqual({ templates: {}, messageLang: 'ja' });
      const updated = await store.config.update((config) => {
        config.clientId = 'client-1';
        config.messageLang = 'en';
        config.templates.survey = { ja: '回答してください' };
      });
      expect(updated).toMatchObject({ clientId: 'client-1', messageLang: 'en' });
      const reopened = await another();
      expect(await reopened.config.get()).toEqual({ clientId: 'client-1', messageLang: 'en', templates: { survey: { ja: '回答してください' } } });
      await store.config.update((config) => { delete config.clientId; });
      expect((await reopened.config.get()).clientId).toBeUndefined();
    });

    it('refuses an invalid setting, naming the field, and writes nothing', async () => {
      await store.config.update((config) => { config.clientId = 'kept'; });
      const error = await store.config.update((config) => {
        config.clientId = 'changed';
        config.redirectUri = 'not a url';
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).key).toBe('state.invalidSetting');
      expect((error as CliError).params.field).toBe('redirectUri');
      expect(await store.config.get()).toEqual({ clientId: 'kept', templates: {}, messageLang: 'ja' });

      const nested = await store.config.update((config) => {
        config.calendar = { ...structuredClone(DEFAULT_CALENDAR), window: { start: '9am', end: '18:00' } };
      }).catch((e: unknown) => e);
      expect((nested as CliError).params.field).toBe('calendar.window.start');
    });

    it('keeps the trusted organisations, and refuses an id that is not a positive integer or is listed twice', async () => {
      await store.config.update((config) => { config.trustedOrganizations = [12, 9_002]; });
      expect((await (await another()).config.get()).trustedOrganizations).toEqual([12, 9_002]);
      for (const bad of [[0], [-1], [1.5], [12, 12]]) {
        const error = await store.config.update((config) => { config.trustedOrganizations = bad; }).catch((e: unknown) => e);
        expect((error as CliError).params.field, JSON.stringify(bad)).toMatch(/^trustedOrganizations/);
      }
      expect((await store.config.get()).trustedOrganizations).toEqual([12, 9_002]);
    });
  });

  describe('alerts', () => {
    it('keeps the alert room and what was alerted as settings rows, carried by a dump, refused when malformed', async () => {
      const memory = { roomId: 77, open: { failed: { fingerprint: '0123456789abcdef0123456789abcdef', since: T0 } } };
      await store.config.update((config) => { config.alerts = { roomId: 77 }; config.alertMemory = memory; });
      expect(await (await another()).config.get()).toMatchObject({ alerts: { roomId: 77 }, alertMemory: memory });
      const records = [];
      for await (const record of store.exportRecords()) records.push(record);
      expect(records.filter((r) => r.kind === 'setting').map((r) => r.key)).toEqual(expect.arrayContaining(['alerts', 'alertMemory']));
      const copy = await (await fresh()).open();
      try {
        await copy.restore(records);
        expect(await copy.config.get()).toMatchObject({ alerts: { roomId: 77 }, alertMemory: memory });
      } finally {
        await copy.close();
      }
      for (const bad of [{ roomId: 0, open: {} }, { roomId: 77, open: { failed: { fingerprint: 'E0001', since: T0 } } }, { roomId: 77, open: { other: { fingerprint: '0123456789abcdef', since: T0 } } }]) {
        const error = await store.config.update((config) => { config.alertMemory = bad as typeof memory; }).catch((e: unknown) => e);
        expect((error as CliError).params.field, JSON.stringify(bad)).toMatch(/^alertMemory/);
      }
      await store.config.update((config) => { delete config.alerts; delete config.alertMemory; });
      expect(await (await another()).config.get()).toEqual({ templates: {}, messageLang: 'ja' });
    });
  });

  describe('users', () => {
    it('replaceAll reports the diff, keeps links, and lists orphaned ones', async () => {
      expect(await store.users.replaceAll([user('u1'), user('u2'), user('u3')])).toEqual({ added: ['u1', 'u2', 'u3'], changed: [], removed: [], orphanedLinks: [] });
      await store.links.set(new Map([['u2', link(2)], ['ghost', link(9)]]));
      const diff = await store.users.replaceAll([user('u3'), user('u1', '佐藤 花子'), { ...user('u4'), department: '人事部', reading: 'さとう' }]);
      expect(diff).toEqual({ added: ['u4'], changed: ['u1'], removed: ['u2'], orphanedLinks: ['ghost', 'u2'] });
      expect(await store.links.count()).toBe(2);
      expect((await store.users.all()).map((u) => u.id)).toEqual(['u3', 'u1', 'u4']);
      expect(await store.users.count()).toBe(3);
      expect((await store.users.byIds(['u1', 'u4', 'nobody'])).get('u4')).toEqual({ ...user('u4'), department: '人事部', reading: 'さとう' });
      expect((await store.users.find('u1'))?.name).toBe('佐藤 花子');
      expect((await store.users.find(' U4@Example.com '))?.id).toBe('u4');
      expect(await store.users.find('nobody')).toBeUndefined();
    });

    it('applyDirectory writes in one transaction, ends links, hides the retired from all() but keeps them, and a dump carries them', async () => {
      await store.users.replaceAll([user('u1'), user('u2')]);
      await store.links.set(new Map([['u2', link(2)]]));
      const seen = await store.users.applyDirectory((current) => ({
        result: current.users.map((row) => [row.user.id, row.position, row.statusSource]),
        write: {
          upsert: [{ user: { ...user('u2'), status: 'retired', retiredAt: '2026-12-01T00:00:00.000Z', managerId: 'u1' }, position: 1, statusSource: 'file' },
            { user: { ...user('u3'), status: 'on-leave' }, position: 2, statusSource: 'command' }],
          endLinks: ['u2'], at: '2026-12-01T00:00:00.000Z', reason: 'retired',
        },
      }));
      expect(seen).toEqual([['u1', 0, 'file'], ['u2', 1, 'file']]);
      expect((await store.users.all()).map((u) => u.id)).toEqual(['u1', 'u3']);
      expect(await store.users.count()).toBe(2);
      expect((await store.users.byIds(['u2'])).get('u2')).toMatchObject({ status: 'retired', retiredAt: '2026-12-01T00:00:00.000Z', managerId: 'u1' });
      expect(await store.links.count()).toBe(0);
      // Nothing written when the plan says so.
      await store.users.applyDirectory(() => ({ result: undefined }));
      expect(await store.users.count()).toBe(2);
      const records = [];
      for await (const record of store.exportRecords()) if (record.kind === 'user') records.push(record);
      expect(records.find((r) => r.id === 'u2')).toMatchObject({ status: 'retired', retiredAt: '2026-12-01T00:00:00.000Z', managerId: 'u1' });
      expect(records.find((r) => r.id === 'u3')).toMatchObject({ status: 'on-leave', statusSource: 'command' });
      // Emptied, then restored from the dump: the status, its source and the retirement come back.
      await store.users.replaceAll([]);
      await store.restore(records);
      const current = await store.users.applyDirectory((c) => ({ result: c.users.map((row) => [row.user.id, row.user.status ?? 'active', row.statusSource]) }));
      expect(current).toEqual(expect.arrayContaining([['u2', 'retired', 'file'], ['u3', 'on-leave', 'command']]));
    });

    it('looks many ids up in batches', async () => {
      const many = Array.from({ length: 1234 }, (_, i) => user(`id${i}`));
      await store.users.replaceAll(many);
      const found = await store.users.byIds(many.map((u) => u.id));
      expect(found.size).toBe(1234);
    });
  });

  describe('leave', () => {
    leaveContract(() => store);
  });

  describe('link decisions', () => {
    decisionsContract(() => store);
    decisionsDumpContract(() => store, async () => {
      const elsewhere = await fresh();
      const opened = await elsewhere.open();
      const close = opened.close.bind(opened);
      return Object.assign(opened, { close: async () => { await close(); await elsewhere.cleanup(); } });
    });
  });

  describe('links', () => {
    it('sets, refuses two users on one contact, keeps existing with onlyIfUnlinked, removes', async () => {
      expect(await store.links.set(new Map([['a', link(1)], ['b', link(2)]]))).toEqual({ added: ['a', 'b'], changed: [], removed: [], refused: [] });
      expect(await store.links.set(new Map([['c', link(1)]]))).toEqual({ added: [], changed: [], removed: [], refused: [{ userId: 'c', owner: 'a' }] });
      expect(await store.links.set(new Map([['a', link(3, 'auto')]]), { onlyIfUnlinked: true })).toMatchObject({ added: [], changed: [] });
      expect(await store.links.set(new Map([['a', link(3, 'auto')]]))).toMatchObject({ changed: ['a'] });
      // Contact 1 is free again once a moved away.
      expect(await store.links.set(new Map([['c', link(1)]]))).toMatchObject({ added: ['c'], refused: [] });
      expect((await store.links.byUserIds(['a', 'zz'])).get('a')).toEqual(link(3, 'auto'));
      expect(await store.links.remove(['b', 'nobody'])).toEqual(['b']);
      expect([...(await store.links.all()).keys()]).toEqual(['a', 'c']);
    });

    it('two new users in one call never share a contact: the second is refused, naming the first', async () => {
      const result = await store.links.set(new Map([['n1', link(7)], ['n2', link(7)], ['n3', link(8)]]));
      expect(result).toEqual({ added: ['n1', 'n3'], changed: [], removed: [], refused: [{ userId: 'n2', owner: 'n1' }] });
      expect([...(await store.links.all()).entries()].map(([user, l]) => [user, l.accountId])).toEqual([['n1', 7], ['n3', 8]]);
      // The same in a replacing import: one contact, one person.
      const replaced = await store.links.replace(new Map([['n4', link(9, 'import')], ['n5', link(9, 'import')]]), { prune: false });
      expect(replaced.added).toEqual(['n4']);
      expect(replaced.refused).toEqual([{ userId: 'n5', owner: 'n4' }]);
      // Listed in another order, the same one keeps it: the contact never goes to nobody.
      expect(await store.links.set(new Map([['m3', link(6)], ['m2', link(6)], ['m1', link(6)]])))
        .toEqual({ added: ['m1'], changed: [], removed: [], refused: [{ userId: 'm3', owner: 'm1' }, { userId: 'm2', owner: 'm1' }] });
    });

    it('a user refused a move keeps their old contact, so a newcomer asking for it is refused too, naming the one who holds it in the end', async () => {
      await store.links.set(new Map([['b', link(1)], ['c', link(2)]]));
      expect(await store.links.set(new Map([['a', link(2)], ['c', link(1)]])))
        .toEqual({ added: [], changed: [], removed: [], refused: [{ userId: 'c', owner: 'b' }, { userId: 'a', owner: 'c' }] });
      expect([...(await store.links.all()).entries()].map(([id, l]) => [id, l.accountId])).toEqual([['b', 1], ['c', 2]]);
    });

    it('replace adds and changes, and removes the rest only with prune', async () => {
      await store.links.set(new Map([['a', link(1)], ['b', link(2)]]));
      expect(await store.links.replace(new Map([['a', link(5, 'import')], ['d', link(4, 'import')]]), { prune: false }))
        .toEqual({ added: ['d'], changed: ['a'], removed: [], refused: [] });
      expect(await store.links.count()).toBe(3);
      // With prune, b's contact may be taken by another user in the same file.
      expect(await store.links.replace(new Map([['a', link(5, 'import')], ['e', link(2, 'import')]]), { prune: true }))
        .toEqual({ added: ['e'], changed: [], removed: ['b', 'd'], refused: [] });
      expect([...(await store.links.all()).entries()].map(([id, l]) => [id, l.accountId])).toEqual([['a', 5], ['e', 2]]);
    });
  });

  describe('audit', () => {
    auditContract(() => store);
  });

  describe('destinations', () => {
    it('sets, changes and clears one type at a time', async () => {
      expect(await store.destinations.all()).toEqual({});
      await store.destinations.set('survey', 'dm');
      await store.destinations.set('praise', 'room:123');
      await store.destinations.set('survey', 'off');
      expect(await store.destinations.all()).toEqual({ survey: 'off', praise: 'room:123' });
      await store.destinations.set('praise', undefined);
      expect(await store.destinations.all()).toEqual({ survey: 'off' });
    });
  });

  describe('delivery ledger', () => {
    it('intent, then sent or failed; pair states; claimed message ids', async () => {
      await store.deliveries.intent(intent('k1', [['r1', 'u1'], ['r1', 'u2']], T0));
      await store.deliveries.intent(intent('k2', [['r1', 'u3']], T0 + 1));
      expect(await store.deliveries.entry('k1')).toEqual({
        key: 'k1', roomId: 100, pairs: [['r1', 'u1'], ['r1', 'u2']], bodyHash: 'hash-k1', intentAt: T0, status: 'in-flight', at: T0,
        kind: 'message', type: 'survey',
      });
      expect((await store.deliveries.inFlight()).map((e) => e.key)).toEqual(['k1', 'k2']);

      await store.deliveries.sent('k1', 'm-1', 'posted', T0 + 10);
      await store.deliveries.failed('k2', 'HTTP 403', T0 + 11);
      expect(await store.deliveries.entry('k1')).toMatchObject({ status: 'sent', messageId: 'm-1', at: T0 + 10 });
      expect(await store.deliveries.entry('k2')).toMatchObject({ status: 'failed', reason: 'HTTP 403' });
      expect(await store.deliveries.inFlight()).toEqual([]);
      expect(await store.deliveries.isClaimed('m-1')).toBe(true);
      expect(await store.deliveries.isClaimed('m-2')).toBe(false);
      expect(await store.deliveries.entry('nope')).toBeUndefined();

      const states = await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u2'], ['r1', 'u3'], ['r2', 'u1']]);
      expect(Object.fromEntries(states)).toEqual({
        [pairKey('r1', 'u1')]: { key: 'k1', status: 'sent', outbox: false },
        [pairKey('r1', 'u2')]: { key: 'k1', status: 'sent', outbox: false },
        [pairKey('r1', 'u3')]: { key: 'k2', status: 'failed', outbox: false, reason: 'HTTP 403' },
      });
    });

    it('abandon: a delivery left in flight and not in its room is failed with the reason (a held one goes back to the outbox); only that very intent, fenced', async () => {
      await store.deliveries.intent(intent('k1', [['r1', 'u1'], ['r1', 'u2']], T0));
      const [entry] = await store.deliveries.inFlight();
      // A newer intent under the same key (another attempt) is not the one looked for: left alone.
      expect(await store.deliveries.abandon({ key: 'k1', intentAt: T0 - 1 }, 'not-posted', T0 + 5)).toBe(false);
      expect(await store.deliveries.abandon(entry!, 'not-posted', T0 + 5)).toBe(true);
      expect(await store.deliveries.entry('k1')).toMatchObject({ status: 'failed', reason: 'not-posted', at: T0 + 5 });
      expect(Object.fromEntries(await store.deliveries.pairStates([['r1', 'u1']]))).toEqual({
        [pairKey('r1', 'u1')]: { key: 'k1', status: 'failed', outbox: false, reason: 'not-posted' },
      });
      expect(await store.deliveries.inFlight()).toEqual([]);
      // Only once: it is no longer in flight.
      expect(await store.deliveries.abandon(entry!, 'not-posted', T0 + 6)).toBe(false);

      await store.deliveries.defer({ ...intent('held', [['r2', 'u1']], T0), body: 'body', until: T0 + 100 });
      await store.deliveries.intent(intent('held', [['r2', 'u1']], T0 + 7));
      expect(await store.deliveries.abandon({ key: 'held', intentAt: T0 + 7 }, 'not-posted', T0 + 8)).toBe(true);
      expect((await store.deliveries.outbox()).map((e) => [e.key, e.status, e.deferred?.body, e.reason])).toEqual([['held', 'deferred', 'body', undefined]]);

      // Fenced like an intent: a run that lost the lock closes nothing.
      const first = await store.locks.acquireRun();
      await store.deliveries.intent({ ...intent('k3', [['r3', 'u1']], T0 + 9), generation: first.generation });
      await first.release();
      const next = await store.locks.acquireRun();
      await expect(store.deliveries.abandon({ key: 'k3', intentAt: T0 + 9 }, 'not-posted', T0 + 10, first.generation)).rejects.toBeInstanceOf(LockedError);
      expect((await store.deliveries.entry('k3'))?.status).toBe('in-flight');
      expect(await store.deliveries.abandon({ key: 'k3', intentAt: T0 + 9 }, 'not-posted', T0 + 10, next.generation)).toBe(true);
      await next.release();
    });

    it('a delivery refused as too-long: failed in one write with no intent before it, its reason in the pair state, counted for doctor, kept by prune', async () => {
      await store.deliveries.skipped([{ reminderId: 'r9', userId: 'u1', type: 'survey', reason: 'unlinked', at: T0 }]);
      await store.deliveries.refused(intent('long', [['r9', 'u1']], T0 + 1), 'too-long');
      await store.deliveries.refused({ ...intent('long-task', [['r9', 'u2'], ['r9', 'u3']], T0 + 2), kind: 'task', taskLimit: 1_800_000_000 }, 'too-long');
      await store.deliveries.intent(intent('other', [['r9', 'u4']], T0 + 3));
      await store.deliveries.failed('other', 'HTTP 500', T0 + 4);
      expect(await store.deliveries.entry('long')).toEqual({
        key: 'long', roomId: 100, pairs: [['r9', 'u1']], bodyHash: 'hash-long', intentAt: T0 + 1, status: 'failed', reason: 'too-long', at: T0 + 1,
        kind: 'message', type: 'survey',
      });
      expect(await store.deliveries.entry('long-task')).toMatchObject({ status: 'failed', reason: 'too-long', kind: 'task', taskLimit: 1_800_000_000 });
      expect(await store.deliveries.inFlight()).toEqual([]);
      const states = await store.deliveries.pairStates([['r9', 'u1'], ['r9', 'u2'], ['r9', 'u4']]);
      expect(states.get(pairKey('r9', 'u1'))).toEqual({ key: 'long', status: 'failed', outbox: false, reason: 'too-long' });
      expect(states.get(pairKey('r9', 'u2'))?.reason).toBe('too-long');
      expect(states.get(pairKey('r9', 'u4'))?.reason).toBe('HTTP 500');
      expect(await store.deliveries.failedPairs('too-long', 2)).toEqual({ count: 3, pairs: [['r9', 'u2'], ['r9', 'u3']] });
      expect(await store.deliveries.failedPairs('nothing', 2)).toEqual({ count: 0, pairs: [] });
      // The history shows the delivery's failure, not the older skip.
      expect((await collect(store.history.query({ reminderId: 'r9', userId: 'u1' }))).map((row) => [row.status, row.reason])).toEqual([['failed', 'too-long']]);
      // A prune keeps what makes it final; other reasons go.
      await store.history.prune(T0 + 1_000, { dryRun: false });
      expect((await store.deliveries.pairStates([['r9', 'u1']])).get(pairKey('r9', 'u1'))?.reason).toBe('too-long');
      expect((await store.deliveries.entry('other'))?.reason).toBeUndefined();
      expect((await store.deliveries.failedPairs('too-long', 0)).count).toBe(3);
    });

    it('a deferred delivery is in the outbox with its body, until it is sent', async () => {
      await store.deliveries.defer({ ...intent('k3', [['r2', 'u1']], T0), body: '本文', until: T0 + 3_600_000 });
      expect(await store.deliveries.outbox()).toEqual([{
        key: 'k3', roomId: 100, pairs: [['r2', 'u1']], bodyHash: 'hash-k3', intentAt: 0, status: 'deferred', at: T0,
        deferred: { body: '本文', type: 'survey', until: T0 + 3_600_000 }, kind: 'message', type: 'survey',
      }]);
      expect((await store.deliveries.pairStates([['r2', 'u1']])).get(pairKey('r2', 'u1'))).toEqual({ key: 'k3', status: 'deferred', outbox: true });
      // Its intent keeps the body and the outbox flag: a crash now still sends it from the outbox.
      await store.deliveries.intent(intent('k3', [['r2', 'u1']], T0 + 7_200_000));
      const [outbox] = await store.deliveries.outbox();
      expect(outbox).toMatchObject({ status: 'in-flight', intentAt: T0 + 7_200_000, deferred: { body: '本文' } });
      expect((await store.deliveries.pairStates([['r2', 'u1']])).get(pairKey('r2', 'u1'))?.outbox).toBe(true);
      await store.deliveries.sent('k3', 'm-3', 'reconciled', T0 + 7_200_001);
      expect(await store.deliveries.outbox()).toEqual([]);
    });

    it('withdraw: a held delivery leaves the ledger, each pair gets its reason as history, stays there past later skips, and is plannable again', async () => {
      await store.deliveries.defer({ ...intent('w1', [['r1', 'u1'], ['r1', 'u2']], T0), body: 'x', until: T0 + 10 });
      const reasons = (reason: string, at: number) => [['r1', 'u1'], ['r1', 'u2']].map(([reminderId, userId]) => ({ reminderId: reminderId!, userId: userId!, type: 'survey' as const, reason, at }));
      expect(await store.deliveries.withdraw('w1', reasons('withdrawn-unlinked', T0 + 1))).toBe(true);
      expect(await store.deliveries.outbox()).toEqual([]);
      expect(await store.deliveries.entry('w1')).toBeUndefined();
      expect((await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u2']])).size).toBe(0);
      expect((await collect(store.history.query({ status: 'withdrawn' }))).map((row) => `${row.userId}:${row.status}:${row.reason}`))
        .toEqual(['u1:withdrawn:withdrawn-unlinked', 'u2:withdrawn:withdrawn-unlinked']);
      expect(await collect(store.history.query({ status: 'skipped' }))).toEqual([]);
      // A later plain skip does not hide the withdrawal; a delivery of the pair replaces it.
      await store.deliveries.skipped([{ reminderId: 'r1', userId: 'u1', type: 'survey', reason: 'unlinked', at: T0 + 2 }]);
      expect((await collect(store.history.query({ userId: 'u1' })))[0]).toMatchObject({ status: 'withdrawn', reason: 'withdrawn-unlinked' });
      await store.deliveries.intent(intent('w2', [['r1', 'u1']], T0 + 3));
      expect((await collect(store.history.query({ userId: 'u1' }))).map((row) => row.status)).toEqual(['in-flight']);
      // Only a delivery that is still deferred is withdrawn: one a run has taken is left alone.
      await store.deliveries.defer({ ...intent('w3', [['r2', 'u3']], T0), body: 'y', until: T0 + 10 });
      await store.deliveries.intent(intent('w3', [['r2', 'u3']], T0 + 4));
      expect(await store.deliveries.withdraw('w3', [{ reminderId: 'r2', userId: 'u3', type: 'survey', reason: 'withdrawn-unlinked', at: T0 + 5 }])).toBe(false);
      expect(await store.deliveries.entry('w3')).toMatchObject({ status: 'in-flight' });
      expect(await collect(store.history.query({ status: 'withdrawn', userId: 'u3' }))).toEqual([]);
    });

    it('keeps the latest skip per pair until a delivery covers it; records runs', async () => {
      await store.deliveries.skipped([{ reminderId: 'r1', userId: 'u1', type: 'survey', reason: 'not linked', at: T0 }]);
      await store.deliveries.skipped([{ reminderId: 'r1', userId: 'u1', type: 'survey', reason: 'destination off', at: T0 + 1 }]);
      let rows = await collect(store.history.query({ status: 'skipped' }));
      expect(rows).toEqual([{ at: T0 + 1, reminderId: 'r1', userId: 'u1', type: 'survey', status: 'skipped', reason: 'destination off' }]);
      await store.deliveries.intent(intent('k1', [['r1', 'u1']], T0 + 2));
      rows = await collect(store.history.query({ status: 'skipped' }));
      expect(rows).toEqual([]);

      for (let i = 0; i < 12; i++) {
        await store.deliveries.runFinished({ delivered: i, failed: 0, skipped: 1, exitCode: 0, startedAt: T0 + i, ...(i === 11 ? { deferred: 2, inWindow: false } : {}) }, T0 + i + 1);
      }
      const runs = await store.deliveries.recentRuns(3);
      expect(runs.map((run) => run.delivered)).toEqual([9, 10, 11]);
      expect(runs[2]).toEqual({ at: T0 + 12, startedAt: T0 + 11, delivered: 11, failed: 0, skipped: 1, deferred: 2, exitCode: 0, inWindow: false });
      expect(await store.deliveries.recentRuns()).toHaveLength(10);
    });

    it('runs on record: one row per run, listed newest first by date and command; only the latest reach is kept', async () => {
      // A row from before migration 0005 (no id, no command) reads as a send-reminders run.
      await store.deliveries.runFinished({ delivered: 1, failed: 0, skipped: 0, exitCode: 0, startedAt: T0 }, T0 + 1);
      const base = { host: 'cron-1', pid: 42, version: '9.9.9' };
      await store.runs.record({ ...base, runId: 'a0000000-0000-4000-8000-000000000001', command: 'users import', startedAt: T0 + 10, endedAt: T0 + 20, exitCode: 0, counts: { users: 5 } });
      await store.runs.record({ ...base, runId: 'a0000000-0000-4000-8000-000000000002', command: 'send-reminders', startedAt: T0 + 30, endedAt: T0 + 40, exitCode: 3,
        counts: { delivered: 2, failed: 1, skipped: 1, deferred: 0, skipReasons: { unlinked: 1 } }, reached: ['u1', 'u2'], inWindow: true });
      // The same run id again (a retried write) changes nothing.
      await store.runs.record({ ...base, runId: 'a0000000-0000-4000-8000-000000000002', command: 'send-reminders', startedAt: T0 + 30, endedAt: T0 + 99, exitCode: 0, counts: {} });
      const all = await store.runs.list();
      expect(all.map((r) => [r.command, r.endedAt])).toEqual([['send-reminders', T0 + 40], ['users import', T0 + 20], ['send-reminders', T0 + 1]]);
      expect(all[0]).toEqual({ ...base, runId: 'a0000000-0000-4000-8000-000000000002', command: 'send-reminders', startedAt: T0 + 30, endedAt: T0 + 40, exitCode: 3,
        counts: { delivered: 2, failed: 1, skipped: 1, deferred: 0, skipReasons: { unlinked: 1 } }, inWindow: true });
      expect(all[2]).toEqual({ command: 'send-reminders', startedAt: T0, endedAt: T0 + 1, exitCode: 0, counts: { delivered: 1, failed: 0, skipped: 0, deferred: 0 } });
      expect((await store.runs.list({ command: 'send-reminders' })).map((r) => r.endedAt)).toEqual([T0 + 40, T0 + 1]);
      expect((await store.runs.list({ since: T0 + 20, until: T0 + 39 })).map((r) => r.command)).toEqual(['users import']);
      expect(await store.runs.list({ limit: 1 })).toHaveLength(1);
      expect((await store.runs.lastFinished('send-reminders'))?.endedAt).toBe(T0 + 40);
      expect((await store.runs.lastFinished('users import'))?.counts).toEqual({ users: 5 });
      expect(await store.runs.lastFinished('recall')).toBeUndefined();
      expect(await store.runs.reachedAtLastRun()).toEqual(new Set(['u1', 'u2']));
      await store.runs.record({ ...base, runId: 'a0000000-0000-4000-8000-000000000003', command: 'send-reminders', startedAt: T0 + 50, endedAt: T0 + 60, exitCode: 0, counts: {}, reached: ['u3'] });
      expect(await store.runs.reachedAtLastRun()).toEqual(new Set(['u3']));
      // doctor's window check reads send-reminders runs only.
      expect((await store.deliveries.recentRuns()).map((r) => r.at)).toEqual([T0 + 1, T0 + 40, T0 + 60]);
    });

    it('a task delivery keeps its task ids and deadline; claimed task ids are matched whole', async () => {
      await store.deliveries.intent({ ...intent('t1', [['r1', 'u1'], ['r1', 'u2']], T0), kind: 'task', taskLimit: 1_796_000_000 });
      expect(await store.deliveries.entry('t1')).toMatchObject({ kind: 'task', taskLimit: 1_796_000_000, status: 'in-flight' });
      await store.deliveries.sentTasks('t1', ['41', '42'], 'posted', T0 + 1);
      expect(await store.deliveries.entry('t1')).toMatchObject({ status: 'sent', taskIds: ['41', '42'] });
      expect(await store.deliveries.isTaskClaimed('41')).toBe(true);
      expect(await store.deliveries.isTaskClaimed('42')).toBe(true);
      expect(await store.deliveries.isTaskClaimed('4')).toBe(false);
      expect(await store.deliveries.isTaskClaimed('142')).toBe(false);
      const records = [];
      for await (const record of store.exportRecords()) records.push(record);
      expect(records.find((r) => r.kind === 'delivery')).toMatchObject({ deliveryKind: 'task', taskIds: ['41', '42'], taskLimit: 1_796_000_000 });
    });

    it('recall: intent, then outcome; a recalled pair is marked, leaves the outbox, and shows in the history', async () => {
      await store.deliveries.intent(intent('k1', [['r1', 'u1']], T0));
      await store.deliveries.sent('k1', 'm-1', 'posted', T0 + 1);
      await store.deliveries.defer({ ...intent('k2', [['r1', 'u2']], T0), body: 'b', until: T0 + 1_000 });
      await store.deliveries.intent(intent('k3', [['r2', 'u1']], T0));
      expect((await store.deliveries.byReminder('r1')).map((e) => e.key)).toEqual(['k1', 'k2']);
      await store.deliveries.recallIntent('k1', T0 + 5);
      expect(await store.deliveries.entry('k1')).toMatchObject({ recall: { state: 'in-flight', at: T0 + 5 } });
      await store.deliveries.recallOutcome('k1', 'recalled', T0 + 6);
      await store.deliveries.recallOutcome('k2', 'cancelled', T0 + 7, 'withdrawn before it went out');
      expect(await store.deliveries.outbox()).toEqual([]);
      const states = await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u2']]);
      expect(states.get(pairKey('r1', 'u1'))).toEqual({ key: 'k1', status: 'sent', outbox: false, recalled: true });
      expect(states.get(pairKey('r1', 'u2'))).toEqual({ key: 'k2', status: 'deferred', outbox: false, recalled: true });
      const rows = await collect(store.history.query({ reminderId: 'r1' }));
      expect(rows.map((row) => `${row.userId}/${row.status}`)).toEqual(['u2/recalled', 'u1/recalled', 'u1/delivered', 'u2/deferred']);
      expect((await collect(store.history.query({ status: 'recalled' }))).map((row) => row.at)).toEqual([T0 + 7, T0 + 6]);
      // And through a dump: the recall and the task fields travel.
      const records = [];
      for await (const record of store.exportRecords()) records.push(record);
      expect(records.find((r) => r.kind === 'delivery' && r.key === 'k1')).toMatchObject({ recall: { state: 'recalled', at: T0 + 6, reason: null } });
      for (const record of records) expect(dumpRecord.safeParse(record).success).toBe(true);
      // Restored into an empty store, the recall holds: the pair is still never sent again.
      const empty = await (await fresh()).open();
      try {
        await empty.restore(records);
        expect((await empty.deliveries.pairStates([['r1', 'u1']])).get(pairKey('r1', 'u1'))).toMatchObject({ recalled: true });
        expect(await empty.deliveries.entry('k2')).toMatchObject({ recall: { state: 'cancelled', reason: 'withdrawn before it went out' } });
      } finally {
        await empty.close();
      }
    });

    const delivery = (records: DumpRecord[], key: string) => records.find((r) => r.kind === 'delivery' && r.key === key) as Extract<DumpRecord, { kind: 'delivery' }>;

    it('a dump bigger than one statement round-trips exactly, and a key twice keeps the further along (the last on a tie)', async () => {
      // More rows than one multi-row statement takes (8,000 parameters), with two pairs each, and keyset pages of 2,000.
      await store.users.replaceAll(Array.from({ length: 2_100 }, (_, i) => user(`u${i}`)));
      for (let i = 0; i < 2_500; i++) {
        const key = `k${String(i).padStart(5, '0')}`;
        await store.deliveries.intent(intent(key, [[`r${i}`, `u${i % 2_100}`], [`r${i}`, `v${i}`]], T0 + i));
        if (i % 3 === 0) await store.deliveries.sent(key, `m-${i}`, 'posted', T0 + i + 1);
      }
      await store.deliveries.skipped(Array.from({ length: 2_100 }, (_, i) => ({ reminderId: `s${i}`, userId: `u${i}`, type: 'survey' as const, reason: 'not linked', at: T0 })));
      const records = [];
      for await (const record of store.exportRecords()) records.push(record);
      expect(records.filter((r) => r.kind === 'delivery')).toHaveLength(2_500);
      expect(new Set(records.filter((r) => r.kind === 'delivery').map((r) => r.key)).size).toBe(2_500);
      const empty = await (await fresh()).open();
      try {
        const first = records.find((r) => r.kind === 'user')!;
        const again = { ...first, name: 'renamed' };
        const third = delivery(records, 'k00003');
        // k00003 was sent: a later "failed" of it (in another statement) does not take it back; a later "sent" (a tie) wins.
        const tie = { ...third, messageId: 'm-later', how: 'reconciled' };
        const result = await empty.restore([...records, again, { ...third, status: 'failed', reason: 'the later record' }]);
        expect(result).toEqual({ records: records.length + 2, kept: { deliveries: 1, pairs: 0 }, accountSkipped: false });
        expect(await empty.restore([tie])).toEqual({ records: 1, kept: { deliveries: 0, pairs: 0 }, accountSkipped: false });
        const copy = [];
        for await (const record of empty.exportRecords()) copy.push(record);
        const expected = records.map((r) => r === first ? again : r === third ? tie : r);
        expect(copy).toEqual(expected);
        expect(await empty.stats()).toMatchObject({ users: 2_100, deliveries: 2_500 });
      } finally {
        await empty.close();
      }
      // The same key twice within one statement (an error on PostgreSQL if both went in): the further along wins, the last on a tie.
      const small = await (await fresh()).open();
      try {
        const later = { ...delivery(records, 'k00003'), status: 'failed' as const, reason: 'the later record' };
        const inFlight = { ...delivery(records, 'k00001'), status: 'in-flight' as const };
        await small.restore([records.find((r) => r.kind === 'user')!, { ...records.find((r) => r.kind === 'user')!, name: 'renamed' }, delivery(records, 'k00003'), later,
          inFlight, { ...inFlight, status: 'deferred', reason: 'older' },
          { ...delivery(records, 'k00002'), status: 'deferred' }, { ...delivery(records, 'k00002'), status: 'failed', reason: 'the last on a tie' }]);
        expect(await small.users.all()).toMatchObject([{ id: 'u0', name: 'renamed' }]);
        expect(await small.deliveries.entry('k00003')).toMatchObject({ status: 'sent' });
        expect(await small.deliveries.entry('k00001')).toMatchObject({ status: 'in-flight' });
        expect(await small.deliveries.entry('k00002')).toMatchObject({ status: 'failed', reason: 'the last on a tie' });
      } finally {
        await small.close();
      }
    // Thousands of rows: seconds on a busy machine, past the 5 s the mutation run gives a test.
    }, 60_000);

    it('counts everything in stats', async () => {
      await store.users.replaceAll([user('u1'), user('u2')]);
      await store.links.set(new Map([['u1', link(1)]]));
      await store.deliveries.intent(intent('k1', [['r1', 'u1']], T0));
      await store.deliveries.defer({ ...intent('k2', [['r1', 'u2']], T0), body: 'b', until: T0 + 1 });
      await store.deliveries.runFinished({ delivered: 0, failed: 0, skipped: 0, exitCode: 0, startedAt: T0 }, T0);
      const stats = await store.stats();
      expect(stats).toMatchObject({ users: 2, links: 1, deliveries: 2, deferred: 1, inFlight: 1, runs: 1 });
      expect(stats.sizeBytes).toBeGreaterThan(0);
    });
  });

  describe('rounds and inputs over time', () => {
    roundsContract(() => store, another);
  });

  describe('a key twice in one dump', () => {
    restoreTwiceContract(() => store);
  });

  describe('history', () => {
    const seed = async () => {
      await store.users.replaceAll([user('u1', '佐藤 花子'), user('u2', '鈴木 一郎')]);
      await store.deliveries.intent({ ...intent('a', [['r1', 'u1'], ['r1', 'u2']], T0), type: 'survey' });
      await store.deliveries.sent('a', 'm-a', 'posted', T0 + 100);
      await store.deliveries.intent({ ...intent('b', [['r2', 'u1']], T0 + 200, 777), type: 'praise' });
      await store.deliveries.failed('b', 'HTTP 500', T0 + 300);
      await store.deliveries.defer({ ...intent('c', [['r3', 'u2']], T0 + 400), type: 'update-survey', body: 'x', until: T0 + 10_000 });
      await store.deliveries.intent({ ...intent('d', [['r4', 'ghost']], T0 + 500), type: 'survey' });
      await store.deliveries.skipped([{ reminderId: 'r5', userId: 'u2', type: 'praise', reason: 'not linked', at: T0 + 600 }]);
    };
    const query = async (q: HistoryQuery) => (await collect(store.history.query(q))).map((row) => `${row.reminderId}/${row.userId}/${row.status}`);

    it('is newest first, one line per recipient, with names', async () => {
      await seed();
      const rows = await collect(store.history.query({}));
      expect(rows.map((row) => `${row.reminderId}/${row.userId}/${row.status}`))
        .toEqual(['r5/u2/skipped', 'r4/ghost/in-flight', 'r3/u2/deferred', 'r2/u1/failed', 'r1/u1/delivered', 'r1/u2/delivered']);
      expect(rows[4]).toEqual({ at: T0 + 100, reminderId: 'r1', type: 'survey', userId: 'u1', userName: '佐藤 花子', roomId: 100, status: 'delivered', messageId: 'm-a' });
      expect(rows[3]).toMatchObject({ roomId: 777, reason: 'HTTP 500', type: 'praise' });
      expect(rows[1]!.userName).toBeUndefined();
    });

    it('filters by user, reminder, type, status, since, until and limit', async () => {
      await seed();
      expect(await query({ userId: 'u1' })).toEqual(['r2/u1/failed', 'r1/u1/delivered']);
      expect(await query({ reminderId: 'r1' })).toEqual(['r1/u1/delivered', 'r1/u2/delivered']);
      expect(await query({ type: 'praise' })).toEqual(['r5/u2/skipped', 'r2/u1/failed']);
      expect(await query({ status: 'delivered' })).toEqual(['r1/u1/delivered', 'r1/u2/delivered']);
      expect(await query({ status: 'failed' })).toEqual(['r2/u1/failed']);
      expect(await query({ status: 'deferred' })).toEqual(['r3/u2/deferred']);
      expect(await query({ status: 'in-flight' })).toEqual(['r4/ghost/in-flight']);
      expect(await query({ status: 'skipped' })).toEqual(['r5/u2/skipped']);
      expect(await query({ since: T0 + 300, until: T0 + 600 })).toEqual(['r4/ghost/in-flight', 'r3/u2/deferred', 'r2/u1/failed']);
      expect(await query({ userId: 'u2', status: 'delivered' })).toEqual(['r1/u2/delivered']);
      expect(await query({ limit: 2 })).toEqual(['r5/u2/skipped', 'r4/ghost/in-flight']);
    });

    it('pages through more rows than one page', async () => {
      const pairs = Array.from({ length: 2500 }, (_, i): [string, string] => ['big', `u${String(i).padStart(5, '0')}`]);
      await store.deliveries.intent(intent('big', pairs, T0));
      const rows = await collect(store.history.query({ reminderId: 'big' }));
      expect(rows).toHaveLength(2500);
      expect(new Set(rows.map((row) => row.userId)).size).toBe(2500);
      expect(await collect(store.history.query({ reminderId: 'big', limit: 1001 }))).toHaveLength(1001);
    });

    it('prune drops bodies and reasons of old deliveries but keeps every pair, so a pruned pair is still sent', async () => {
      await seed();
      await store.deliveries.runFinished({ delivered: 1, failed: 1, skipped: 0, exitCode: 3, startedAt: T0 }, T0 + 350);
      expect(await store.history.prune(T0 + 1_000, { dryRun: true })).toEqual({ deliveries: 1 });
      expect(await store.deliveries.entry('b')).toMatchObject({ reason: 'HTTP 500' });
      expect(await store.history.prune(T0 + 1_000, { dryRun: false })).toEqual({ deliveries: 1 });
      expect((await store.deliveries.entry('b'))?.reason).toBeUndefined();
      expect(await store.deliveries.recentRuns()).toEqual([]);
      // The deferred one keeps its body: it has yet to go out.
      expect((await store.deliveries.outbox()).map((e) => e.deferred?.body)).toEqual(['x']);
      const states = await store.deliveries.pairStates([['r1', 'u1'], ['r1', 'u2'], ['r2', 'u1']]);
      expect([...states.values()].map((s) => s.status)).toEqual(expect.arrayContaining(['sent', 'sent', 'failed']));
      expect(states.get(pairKey('r1', 'u1'))?.status).toBe('sent');
      expect(await query({ reminderId: 'r1' })).toEqual(['r1/u1/delivered', 'r1/u2/delivered']);
      expect(await store.history.prune(T0 + 1_000, { dryRun: false })).toEqual({ deliveries: 0 });
    });

    it('prune cuts strictly before the instant: a delivery or run at the cut-off stays, one a millisecond earlier goes', async () => {
      const cut = T0 + 5_000;
      for (const [key, at] of [['early', cut - 1], ['at', cut], ['late', cut + 1]] as const) {
        await store.deliveries.intent(intent(key, [[`r-${key}`, 'u1']], at - 1));
        await store.deliveries.failed(key, `HTTP 500 ${key}`, at);
        await store.deliveries.runFinished({ delivered: 0, failed: 1, skipped: 0, exitCode: 3, startedAt: at - 1 }, at);
      }
      expect(await store.history.prune(cut, { dryRun: true })).toEqual({ deliveries: 1 });
      expect((await store.deliveries.recentRuns()).map((run) => run.at)).toEqual([cut - 1, cut, cut + 1]);
      expect(await store.history.prune(cut, { dryRun: false })).toEqual({ deliveries: 1 });
      expect((await store.deliveries.entry('early'))?.reason).toBeUndefined();
      expect((await store.deliveries.entry('at'))?.reason).toBe('HTTP 500 at');
      expect((await store.deliveries.entry('late'))?.reason).toBe('HTTP 500 late');
      expect((await store.deliveries.recentRuns()).map((run) => run.at)).toEqual([cut, cut + 1]);
      // Nothing left before the cut-off: a second prune counts none.
      expect(await store.history.prune(cut, { dryRun: false })).toEqual({ deliveries: 0 });
      expect((await store.deliveries.recentRuns()).map((run) => run.at)).toEqual([cut, cut + 1]);
    });
  });

  describe('two processes at once', () => {
    it('read-modify-write config updates lose nothing', async () => {
      requireBuild();
      await Promise.all([runChild(location.child, 'closures', '01', '15'), runChild(location.child, 'closures', '02', '15')]);
      const closures = (await store.config.get()).calendar!.closures;
      for (const month of ['01', '02']) {
        for (let day = 1; day <= 15; day++) expect(closures).toContain(`${month}-${String(day).padStart(2, '0')}`);
      }
      expect(closures).toHaveLength(DEFAULT_CALENDAR.closures.length + 30);
    });

    it('link changes lose nothing, and one contact never gets two users', async () => {
      requireBuild();
      // a1..a20 take contacts 1..20 while b1..b20 take 11..30: each of 11..20 goes to exactly one.
      const [a, b] = await Promise.all([runChild(location.child, 'links', 'a', '20', '0'), runChild(location.child, 'links', 'b', '20', '10')]);
      const refused = [a, b].flatMap((events) => (events[0] as { refused: unknown[] }).refused);
      const links = await store.links.all();
      expect(links.size + refused.length).toBe(40);
      expect(refused).toHaveLength(10);
      const accounts = [...links.values()].map((l) => l.accountId);
      expect(new Set(accounts).size).toBe(accounts.length);
      expect(new Set(accounts)).toEqual(new Set(Array.from({ length: 30 }, (_, i) => i + 1)));
    });

    // Registered only where it applies: CI counts a skipped test as a failure.
    if (options.concurrentInstancesInOneProcess) it('two store instances in one process: parallel updates lose nothing', async () => {
      const second = await another();
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => store.links.set(new Map([[`x${i}`, link(100 + i)]]))),
        ...Array.from({ length: 10 }, (_, i) => second.links.set(new Map([[`y${i}`, link(200 + i)]]))),
      ]);
      expect(await store.links.count()).toBe(20);
    });
  });

  describe('locks', () => {
    it('a second send-reminders gets a LockedError (exit 5) naming the holder; after release the next one runs', async () => {
      const second = await another();
      const lock = await store.locks.acquireRun();
      const error = await second.locks.acquireRun().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).exitCode).toBe(ExitCode.locked);
      expect((error as LockedError).params).toMatchObject({ pid: process.pid });
      expect(String((error as LockedError).params.host)).not.toBe('?');
      const holder = await second.locks.runHolder();
      expect(holder).toMatchObject({ owner: { pid: process.pid }, stale: false });
      await expect(second.locks.breakRun()).rejects.toBeInstanceOf(LockedError);
      await lock.release();
      expect(await second.locks.runHolder()).toBeUndefined();
      const next = await second.locks.acquireRun();
      await next.release();
    });

    it('fencing: a take-over raises the generation; an intent or recall of the old generation is refused in its own transaction (exit 5, naming the new holder) and writes nothing', async () => {
      const first = await store.locks.acquireRun();
      await store.deliveries.intent({ ...intent('a', [['r1', 'u1']], T0), generation: first.generation });
      await first.check();
      const second = await another(SHORT);
      expect(await second.locks.breakRun({ force: true })).toBe(true);
      const next = await second.locks.acquireRun();
      expect(next.generation).toBeGreaterThan(first.generation);
      const refused = await store.deliveries.intent({ ...intent('b', [['r1', 'u2']], T0), generation: first.generation }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LockedError);
      expect((refused as LockedError).exitCode).toBe(ExitCode.locked);
      expect((refused as LockedError).key).toBe('state.fenced');
      expect((refused as LockedError).params).toMatchObject({ pid: process.pid });
      expect(await store.deliveries.entry('b')).toBeUndefined();
      expect((await store.deliveries.pairStates([['r1', 'u2']])).size).toBe(0);
      await expect(store.deliveries.recallIntent('a', T0, first.generation)).rejects.toBeInstanceOf(LockedError);
      expect((await store.deliveries.entry('a'))?.recall).toBeUndefined();
      await expect(first.check()).rejects.toBeInstanceOf(LockedError);
      // The holder now writes, and its own check passes.
      await second.deliveries.intent({ ...intent('b', [['r1', 'u2']], T0), generation: next.generation });
      expect((await second.deliveries.entry('b'))?.status).toBe('in-flight');
      await next.check();
      await first.release();
      expect((await second.locks.runHolder())?.owner.pid).toBe(process.pid);
      await next.release();
      // It only grows: every take-over after this one is higher still.
      const third = await store.locks.acquireRun();
      expect(third.generation).toBeGreaterThan(next.generation);
      await third.release();
    });

    it('a successor waits, on the store clock, until the old holder\'s last checked write is older than the POST timeout plus the margin; not after a clean release', async () => {
      const first = await store.locks.acquireRun();
      await store.deliveries.intent({ ...intent('a', [['r1', 'u1']], T0), generation: first.generation });
      const beforeCheck = Date.now();
      await first.check();
      const second = await another(SHORT);
      await second.locks.breakRun({ force: true });
      const waits: number[] = [];
      const next = await second.locks.acquireRun({ onWait: (ms) => waits.push(ms) });
      // The store clock is this machine's here: the wait cannot have ended before the deadline.
      expect(Date.now()).toBeGreaterThanOrEqual(beforeCheck + SHORT.postTimeoutMs + SHORT.marginMs);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(0);
      expect(waits[0]).toBeLessThanOrEqual(SHORT.postTimeoutMs + SHORT.marginMs);
      await next.check();
      await next.release();
      // Released cleanly (none of its writes on the wire): the next holder does not wait, though intents are in flight.
      const third = await second.locks.acquireRun({ onWait: (ms) => waits.push(ms) });
      expect(waits).toHaveLength(1);
      await third.release();
      await first.release();
    });

    it('a holder killed with SIGKILL leaves nothing that blocks the next run', async () => {
      requireBuild();
      const child = await holdRunLockInChild(location.child);
      try {
        const error = await store.locks.acquireRun().catch((e: unknown) => e);
        expect((error as LockedError).params).toMatchObject({ pid: child.pid });
        child.removeAllListeners('exit');
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        const lock = await eventually(() => store.locks.acquireRun());
        expect((await store.locks.runHolder())?.owner.pid).toBe(process.pid);
        await lock.release();
      } finally {
        child.kill('SIGKILL');
      }
    });

    it('the token lock lets one refresh-and-store in at a time, across store instances', async () => {
      const second = await another();
      const events: string[] = [];
      const refresh = (who: string, store: Store) => store.locks.withTokenLock(async () => {
        events.push(`${who}:in`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push(`${who}:out`);
        return who;
      });
      const results = await Promise.all([refresh('a', store), refresh('b', second), refresh('c', store), refresh('d', second)]);
      expect(results).toEqual(['a', 'b', 'c', 'd']);
      for (let i = 0; i < events.length; i += 2) {
        expect(events[i]!.split(':')[0]).toBe(events[i + 1]!.split(':')[0]);
        expect([events[i]!.split(':')[1], events[i + 1]!.split(':')[1]]).toEqual(['in', 'out']);
      }
      // An error inside releases the lock too.
      await expect(store.locks.withTokenLock(async () => { throw new Error('refresh failed'); })).rejects.toThrow('refresh failed');
      expect(await second.locks.withTokenLock(async () => 'free')).toBe('free');
    });
  });
}

function requireBuild(): void {
  if (!existsSync(DIST)) throw new Error('the child process runs the built code: run `npm run build` first (npm test does)');
}
