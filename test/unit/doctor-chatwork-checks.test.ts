import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHATWORK_CHECKS } from '../../src/flows/doctor/checks-chatwork.js';
import { LINK_CHECKS } from '../../src/flows/doctor/checks-links.js';
import { ADMIN_CHECKS } from '../../src/flows/doctor/checks-admin.js';
import { ANSWERED_CHECKS } from '../../src/flows/doctor/checks-answered.js';
import { DoctorContext } from '../../src/flows/doctor/context.js';
import type { Check, Finding } from '../../src/flows/doctor/finding.js';
import { runCheck } from '../../src/flows/doctor/run-check.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

let h: CommandHarness;
beforeEach(async () => { h = await commandHarness(); });
afterEach(() => h.close());

const ALL: Check[] = [...CHATWORK_CHECKS, ...LINK_CHECKS, ...ADMIN_CHECKS, ...ANSWERED_CHECKS];

/** One doctor check as doctor runs it (its errors turned into findings), on a fresh invocation of this install. */
async function check(id: string, before?: (ctx: DoctorContext) => Promise<unknown>): Promise<Finding[]> {
  let found: Finding[] = [];
  const result = await h.invoke(async (_options, deps) => {
    const ctx = new DoctorContext(deps);
    await before?.(ctx);
    found = await runCheck(ALL.find((c) => c.id === id)!, ctx);
  }, {});
  expect(result.error).toBeUndefined();
  return found;
}
const keys = (found: Finding[]) => found.map((f) => `${f.status} ${f.finding.key}`);
const apiRequests = () => (h.sandbox.control.stats() as { requests: number }).requests;
const roomId = (name: string) => h.sandbox.control.rooms().find((r) => r.name === name)!.room_id;

describe('doctor: the clock against Chatwork\'s', () => {
  const skewed = async (seconds: number) => {
    h.sandbox.control.setClockOffset(seconds * 1000);
    return (await check('auth')).find((f) => f.finding.key.startsWith('doctor.auth.clock'))!;
  };

  it('up to 60 s either way is fine (the skew told as a distance); 61 s is a warning; 300 s still a warning; 301 s fails', async () => {
    expect(await skewed(60)).toEqual({ status: 'ok', finding: { key: 'doctor.auth.clockOk', params: { seconds: 60 } } });
    expect(await skewed(-60)).toEqual({ status: 'ok', finding: { key: 'doctor.auth.clockOk', params: { seconds: 60 } } });
    expect(await skewed(61)).toEqual({ status: 'warn', finding: { key: 'doctor.auth.clock', params: { seconds: 61 } }, remedy: { key: 'doctor.fix.clock', params: undefined } });
    expect(await skewed(-61)).toMatchObject({ status: 'warn', finding: { params: { seconds: -61 } } });
    expect(await skewed(300)).toMatchObject({ status: 'warn', finding: { key: 'doctor.auth.clock' } });
    expect(await skewed(-300)).toMatchObject({ status: 'warn', finding: { key: 'doctor.auth.clock' } });
    expect(await skewed(301)).toEqual({ status: 'fail', finding: { key: 'doctor.auth.clock', params: { seconds: 301 } }, remedy: { key: 'doctor.fix.clock', params: undefined } });
    expect(await skewed(-301)).toMatchObject({ status: 'fail', finding: { params: { seconds: -301 } } });
  });
});

describe('doctor: the login', () => {
  it('a working login names the account and the scopes Chatwork granted', async () => {
    const found = await check('auth');
    expect(found.slice(0, 2)).toEqual([
      { status: 'ok', finding: { key: 'doctor.auth.ok', params: { name: 'HiManager通知', accountId: h.sandbox.control.state.operatorId } } },
      { status: 'ok', finding: { key: 'doctor.auth.scopesOk', params: { scopes: expect.stringContaining('rooms.all:read_write') } } },
    ]);
    expect(found[1]!.finding.params!.scopes).toMatch(/^\S+( \S+)+$/);
  });

  it('a scope Chatwork no longer grants fails, naming it', async () => {
    for (const grant of h.sandbox.control.state.grants.values()) grant.scopes = grant.scopes.filter((s) => s !== 'contacts.all:read_write');
    const found = await check('auth');
    expect(found[1]).toEqual({ status: 'fail', finding: { key: 'doctor.auth.scopes', params: { scopes: 'contacts.all:read_write' } }, remedy: { key: 'doctor.fix.scopes', params: undefined } });
  });

  it('no OAuth client on record: fails with setup as the remedy, and asks Chatwork nothing', async () => {
    await h.store((store) => store.config.update((c) => { delete c.clientId; }));
    const before = apiRequests();
    expect(await check('auth')).toEqual([{ status: 'fail', finding: { key: 'doctor.auth.noClient', params: {} }, remedy: { key: 'doctor.fix.setup', params: undefined } }]);
    expect(apiRequests()).toBe(before);
  });

  it('no OAuth client where the state is a shared database: the remedy is the shared login, not setup', async () => {
    await h.store((store) => store.config.update((c) => { delete c.clientId; }));
    let found: Finding[] = [];
    await h.invoke(async (_options, deps) => {
      // This host reads the shared database's settings (here the test's SQLite file stands in for it).
      const shared = { ...deps, env: { ...deps.env, state: { backend: 'postgres' as const, url: 'postgres://db.example/hm' } } };
      found = await runCheck(CHATWORK_CHECKS.find((c) => c.id === 'auth')!, new DoctorContext(shared));
    }, {});
    expect(found).toEqual([{ status: 'fail', finding: { key: 'doctor.auth.noClient', params: {} }, remedy: { key: 'doctor.fix.loginShared', params: undefined } }]);
  });

  it('the secret store: fine with both secrets; each missing one fails with the login as the remedy', async () => {
    expect(await check('secret-store')).toEqual([{ status: 'ok', finding: { key: 'doctor.secrets.backend', params: { backend: expect.any(String), location: expect.any(String) } } }]);
    h.secrets.data.delete('client-secret');
    expect(keys(await check('secret-store'))).toEqual(['ok doctor.secrets.backend', 'fail doctor.secrets.noClientSecret']);
    h.secrets.data.delete('tokens');
    const found = await check('secret-store');
    expect(keys(found)).toEqual(['ok doctor.secrets.backend', 'fail doctor.secrets.noClientSecret', 'fail doctor.secrets.noRefreshToken']);
    expect(found[2]!.remedy).toEqual({ key: 'doctor.fix.login', params: undefined });
  });
});

describe('doctor: the request budget', () => {
  /** The budget left after `used` requests of a `limit`-request window (doctor's own /me included). */
  const budget = async (limit: number, used: number) => {
    h.sandbox.control.setLimits({ rateLimit: { count: limit, windowMs: 300_000 } });
    return check('rate-limit', async (ctx) => {
      await ctx.refreshed();
      const api = await ctx.api();
      for (let i = 1; i < used; i += 1) await api.rooms();
    });
  };

  it('a tenth of the limit left is fine; one request less is low, with the numbers and the remedy', async () => {
    const [fine] = await budget(20, 18);
    expect(fine).toMatchObject({ status: 'ok', finding: { key: 'doctor.rate.ok', params: { remaining: 2, limit: 20 } } });
    const [low] = await budget(20, 19);
    expect(low).toMatchObject({ status: 'warn', finding: { key: 'doctor.rate.low', params: { remaining: 1, limit: 20 } }, remedy: { key: 'doctor.fix.rate' } });
    expect(low!.finding.params!.reset).not.toBe('-');
  });
});

describe('doctor: where each type goes', () => {
  const destinations = async () => (await check('destinations'));
  const setAll = (d: Record<string, string>) => h.store(async (store) => { for (const [type, to] of Object.entries(d)) await store.destinations.set(type as 'praise', to); });

  it('unset types warn with the command to set them; off is fine; DM is fine while someone is linked', async () => {
    await h.linkAll();
    await setAll({ survey: 'off' });
    await h.store((store) => store.destinations.set('update-survey', undefined));
    expect(await destinations()).toEqual([
      { status: 'ok', finding: { key: 'doctor.dest.dm', params: { type: 'praise (称賛)', linked: 30 } } },
      { status: 'ok', finding: { key: 'doctor.dest.off', params: { type: 'survey (サーベイ)' } } },
      { status: 'warn', finding: { key: 'doctor.dest.unset', params: { type: 'update survey (アップデートサーベイ)' } }, remedy: { key: 'doctor.fix.destination', params: { type: 'update-survey' } } },
    ]);
  });

  it('DM counts only live links: a linked contact that was removed reaches nobody', async () => {
    const ids = await h.linkAll();
    h.sandbox.control.removeContact(Number(ids[0]!.slice(1)));
    expect((await destinations())[0]).toEqual({ status: 'ok', finding: { key: 'doctor.dest.dm', params: { type: 'praise (称賛)', linked: 29 } } });
  });

  it('DM with nobody linked warns: the type reaches no one', async () => {
    await setAll({ praise: 'dm', survey: 'off', 'update-survey': 'off' });
    expect((await destinations())[0]).toEqual({ status: 'warn', finding: { key: 'doctor.dest.dmNobody', params: { type: 'praise (称賛)' } }, remedy: { key: 'doctor.fix.linkAuto', params: undefined } });
  });

  it('a read-only group chat FAILS, naming the room; a writable one is fine; one the account is not in fails as gone', async () => {
    const readonly = roomId('経営会議');
    const hr = roomId('人事部 HiManager通知');
    await setAll({ praise: `room:${readonly}`, survey: `room:${hr}`, 'update-survey': 'room:999999' });
    expect(await destinations()).toEqual([
      { status: 'fail', finding: { key: 'doctor.dest.readonly', params: { type: 'praise (称賛)', roomId: readonly, name: '経営会議' } }, remedy: { key: 'doctor.fix.readonly', params: { type: 'praise', name: '経営会議' } } },
      { status: 'ok', finding: { key: 'doctor.dest.room', params: { type: 'survey (サーベイ)', roomId: hr, name: '人事部 HiManager通知' } } },
      { status: 'fail', finding: { key: 'doctor.dest.roomGone', params: { type: 'update survey (アップデートサーベイ)', roomId: 999999 } }, remedy: { key: 'doctor.fix.destination', params: { type: 'update-survey' } } },
    ]);
    // The account made read-only where it posted: the same room now fails.
    h.sandbox.control.setRole(hr, 'readonly');
    expect((await destinations())[1]).toMatchObject({ status: 'fail', finding: { key: 'doctor.dest.readonly' } });
  });

  it('without a group chat destination, the rooms are not even read (one request fewer)', async () => {
    const requests = async (): Promise<number> => {
      const before: number = apiRequests();
      await destinations();
      return apiRequests() - before;
    };
    await setAll({ praise: 'dm', survey: 'off', 'update-survey': 'off' });
    const withoutRooms = await requests();
    await setAll({ survey: `room:${roomId('人事部 HiManager通知')}` });
    expect(await requests()).toBe(withoutRooms + 1);
  });
});

describe('doctor: links', () => {
  const links = () => check('links');

  it('no users yet: a warning with the import command', async () => {
    expect(await links()).toEqual([{ status: 'warn', finding: { key: 'doctor.links.noUsers', params: {} }, remedy: { key: 'doctor.fix.usersImport', params: undefined } }]);
  });

  it('everyone linked to a current contact: fine, with the counts, and nothing else', async () => {
    await h.linkAll();
    expect(await links()).toEqual([{ status: 'ok', finding: { key: 'doctor.links.ok', params: { ok: 30, users: 30 } } }]);
  });

  it('an unlinked user, a removed contact, a user gone from the directory and an account linked twice: each its own finding and remedy', async () => {
    const ids = await h.linkAll();
    const gone = Number(ids[0]!.slice(1));
    await h.store(async (store) => {
      const users = await store.users.all();
      await store.users.replaceAll([...users.filter((u) => u.id !== ids[1]).map((u) => ({ id: u.id, name: u.name, email: u.email })),
        { id: 'N1', name: '新人 一郎', email: 'n1@sample.co.jp' }, { id: 'N2', name: '新人 二郎', email: 'n2@sample.co.jp' }]);
    });
    // Two users on one account: no command makes this, a hand-edited store can.
    const db = new DatabaseSync(join(h.configDir, 'state.db'));
    db.prepare("INSERT INTO links (user_id, account_id, source, linked_at) VALUES ('N2', ?, 'manual', '2026-11-24T00:00:00Z')").run(Number(ids[2]!.slice(1)));
    db.close();
    h.sandbox.control.removeContact(gone);
    const found = await links();
    expect(keys(found)).toEqual(['ok doctor.links.ok', 'warn doctor.links.unlinked', 'warn doctor.links.contactGone', 'warn doctor.links.userGone', 'fail doctor.links.twice']);
    expect(found[1]!.finding.params).toEqual({ count: 1, sample: '新人 一郎 (N1)' });
    expect(found[2]!.remedy).toEqual({ key: 'doctor.fix.contactGone', params: { user: ids[0] } });
    expect(found[3]!.remedy).toEqual({ key: 'doctor.fix.unlink', params: { user: ids[1] } });
    expect(found[3]!.finding.params).toMatchObject({ count: 1, sample: ids[1] });
    expect(found[4]!.finding.params).toEqual({ accountId: expect.stringContaining(ids[2]!.slice(1)), users: expect.stringMatching(/新人 二郎 \(N2\)/) });
    expect(found[4]!.remedy!.key).toBe('doctor.fix.unlink');
    expect([ids[2], 'N2']).toContain(found[4]!.remedy!.params!.user);
  });
});

describe('doctor: who a group chat destination does not reach', () => {
  const members = () => check('room-members');
  const hr = () => roomId('人事部 HiManager通知');

  it('no group chat destination, or nobody linked: nothing to say', async () => {
    await h.store((store) => store.destinations.set('praise', `room:${hr()}`));
    expect(await members()).toEqual([]);
    await h.linkAll();
    expect(await members()).toEqual([]);
  });

  it('linked people outside the room: a warning naming them with the command to DM them instead; with that fallback set, fine', async () => {
    await h.linkAll();
    await h.store((store) => store.destinations.set('survey', `room:${hr()}`));
    const [missing] = await members();
    expect(missing).toEqual({
      status: 'warn',
      finding: { key: 'doctor.members.missing', params: { type: 'survey (サーベイ)', roomId: hr(), name: '人事部 HiManager通知', count: 2, sample: expect.stringContaining('P3000001') } },
      remedy: { key: 'doctor.fix.members', params: { typeArg: 'survey', roomId: hr() } },
    });
    await h.store((store) => store.config.update((c) => { c.nonMembers = { survey: 'dm' }; }));
    expect((await members())[0]).toMatchObject({ status: 'ok', finding: { key: 'doctor.members.missingDm', params: { count: 2 } } });
    expect((await members())[0]!.remedy).toBeUndefined();
  });

  it('everyone linked is a member: fine; a room the account is no longer in is left to the destinations check', async () => {
    await h.linkAll();
    await h.store((store) => store.destinations.set('praise', `room:${hr()}`));
    for (const id of [3_000_001, 3_000_002]) h.sandbox.control.setMember(hr(), id, 'member');
    const found = await members();
    expect(found).toEqual([{ status: 'ok', finding: { key: 'doctor.members.ok', params: { type: 'praise (称賛)', roomId: hr(), name: '人事部 HiManager通知' } } }]);
    await h.store((store) => store.destinations.set('praise', 'room:999999'));
    expect(await members()).toEqual([]);
  });
});

describe('doctor: a members list that cannot be read', () => {
  const hr = () => roomId('人事部 HiManager通知');
  beforeEach(async () => {
    await h.linkAll();
    await h.store((store) => store.destinations.set('praise', `room:${hr()}`));
  });

  it('Chatwork failing on it: a warning with the reason, and the other rooms still checked', async () => {
    const found = await check('room-members', async (ctx) => {
      await ctx.rooms();
      h.sandbox.control.setFaults({ serverErrorRate: 1 });
    });
    expect(found).toEqual([{
      status: 'warn', finding: { key: 'doctor.members.unreadable', params: { type: 'praise (称賛)', roomId: hr(), detail: expect.stringContaining('500') } },
      remedy: { key: 'doctor.fix.membersUnreadable' },
    }]);
  });

  it('the login failing on it: said once, where the login is checked, not as this room\'s problem', async () => {
    const found = await check('room-members', async (ctx) => {
      await ctx.rooms();
      h.sandbox.control.revokeGrants();
    });
    expect(found).toEqual([{ status: 'warn', finding: { key: 'doctor.notChecked', params: { area: 'auth' } } }]);
  });
});

describe('doctor: answers held back by the 30 % rule', () => {
  it('none: nothing; each held reminder: a warning with its share, rounded (a reminder with none pending before counts as one)', async () => {
    expect(await check('answered-holds')).toEqual([]);
    await h.store((store) => store.config.update((c) => {
      c.answeredHolds = [{ reminderId: 'R1', answered: 2, pendingBefore: 3, at: 0 }, { reminderId: 'R2', answered: 1, pendingBefore: 0, at: 0 }];
    }));
    expect(await check('answered-holds')).toEqual([
      { status: 'warn', finding: { key: 'answered.held', params: { id: 'R1', count: 2, pending: 3, percent: 67 } }, remedy: { key: 'answered.fixConfirm', params: undefined } },
      { status: 'warn', finding: { key: 'answered.held', params: { id: 'R2', count: 1, pending: 0, percent: 100 } }, remedy: { key: 'answered.fixConfirm', params: undefined } },
    ]);
  });
});
