import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destinationsStep } from '../../src/commands/setup/destinations.js';
import type { Deps } from '../../src/deps/deps.js';
import { UsageError } from '../../src/errors/index.js';
import { setDestination } from '../../src/flows/set-destination.js';
import { deliveryOptions } from '../../src/flows/destination-reach.js';
import type { Prompter } from '../../src/io/prompter.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

const en = createTranslator('en');

let h: CommandHarness;
beforeEach(async () => { h = await commandHarness(); });
afterEach(() => h.close());

const roomId = (name: string) => h.sandbox.control.rooms().find((r) => r.name === name)!.room_id;

interface Asked { message: string; choices: { name: string; value: unknown }[] }

/**
 * Setup's step 6 with a person who answers from a script and whose screen is recorded: each
 * question with the choices it offered. `onAsk` runs before an answer is given.
 */
async function step(answers: string[], onAsk?: (asked: Asked[]) => void) {
  const asked: Asked[] = [];
  const prompts: Prompter = {
    input: async () => { throw new Error('unexpected input'); },
    password: async () => { throw new Error('unexpected password'); },
    confirm: async () => { throw new Error('unexpected confirm'); },
    select: async (message, choices) => {
      asked.push({ message, choices: choices.map((c) => ({ name: c.name, value: c.value })) });
      onAsk?.(asked);
      if (!answers.length) throw new Error(`unexpected prompt: ${message}`);
      return answers.shift() as never;
    },
  };
  const result = await h.invoke((_options, deps: Deps) => destinationsStep({ ...deps, prompts }), {});
  return { ...result, asked };
}

describe('setup: the destinations it offers', () => {
  beforeEach(() => h.linkAll());

  it('offers DM, every group chat the account may post in, and off; never a read-only room, never a direct chat', async () => {
    const { code, asked, stderr } = await step(['dm', 'dm', 'off']);
    expect(code).toBe(0);
    expect(asked.map((a) => a.message)).toEqual(['Destination of praise (称賛):', 'Destination of survey (サーベイ):', 'Destination of update survey (アップデートサーベイ):']);
    for (const { choices } of asked) {
      expect(choices.map((c) => c.value)).toEqual(['dm', `room:${roomId('全社連絡')}`, `room:${roomId('人事部 HiManager通知')}`, 'off']);
    }
    // Each room by its name and id, as the admin knows it from Chatwork.
    expect(asked[0]!.choices.map((c) => c.name)).toEqual([en('destinations.dm'), en('destinations.roomNamed', { name: '全社連絡', roomId: roomId('全社連絡') }),
      en('destinations.roomNamed', { name: '人事部 HiManager通知', roomId: roomId('人事部 HiManager通知') }), en('destinations.off')]);
    expect(asked[0]!.choices[1]!.name).toContain('全社連絡');
    // Why a room the admin expects is missing: said once, before the first question.
    expect(stderr.match(/may only read/g)).toHaveLength(1);
    expect(stderr).toContain('経営会議');
    expect(stderr.indexOf('経営会議')).toBeLessThan(stderr.indexOf('Destination of praise'));
    expect(await h.store((store) => store.destinations.all())).toEqual({ praise: 'dm', survey: 'dm', 'update-survey': 'off' });
  });

  it('a room the account may only read is not offered; made writable, it is, and nothing is said about read-only rooms', async () => {
    h.sandbox.control.setRole(roomId('全社連絡'), 'readonly');
    const limited = await step(['dm', 'dm', 'dm']);
    expect(limited.asked[0]!.choices.map((c) => c.value)).toEqual(['dm', `room:${roomId('人事部 HiManager通知')}`, 'off']);
    expect(limited.stderr).toMatch(/may only read in these group chats[^\n]*全社連絡、経営会議|may only read in these group chats[^\n]*全社連絡, 経営会議/);
    h.sandbox.control.setRole(roomId('全社連絡'), 'member');
    h.sandbox.control.setRole(roomId('経営会議'), 'member');
    const all = await step(['dm', 'dm', 'dm']);
    expect(all.asked[0]!.choices.map((c) => c.value)).toEqual(['dm', `room:${roomId('全社連絡')}`, `room:${roomId('人事部 HiManager通知')}`, `room:${roomId('経営会議')}`, 'off']);
    expect(all.stderr).not.toContain('may only read');
  });

  it('a room that became read-only after the list was read is refused when chosen, and the same type is asked again', async () => {
    const hr = roomId('人事部 HiManager通知');
    const { code, asked, stderr } = await step([`room:${hr}`, 'dm', 'dm', 'off'], (sofar) => {
      if (sofar.length === 1) h.sandbox.control.setRole(hr, 'readonly');
      if (sofar.length === 2) h.sandbox.control.setRole(hr, 'admin');
    });
    expect(code).toBe(0);
    expect(asked.map((a) => a.message)).toEqual(['Destination of praise (称賛):', 'Destination of praise (称賛):', 'Destination of survey (サーベイ):', 'Destination of update survey (アップデートサーベイ):']);
    expect(stderr).toContain(`Error: `);
    expect(stderr).toContain('人事部 HiManager通知');
    expect(await h.store((store) => store.destinations.all())).toEqual({ praise: 'dm', survey: 'dm', 'update-survey': 'off' });
  });
});

describe('destinations set: what a room must be', () => {
  const set = (destination: string, extra: { as?: string; nonMembers?: string } = {}) =>
    h.invoke((_options, deps) => setDestination(deps, { type: 'praise', destination, ...extra }), {});

  it('a read-only group chat is refused (exit 2) and nothing is saved; a writable one is saved', async () => {
    const readonly = await h.unchanged(() => set(`room:${roomId('経営会議')}`));
    expect(readonly.code).toBe(2);
    expect(readonly.error).toBeInstanceOf(UsageError);
    expect(readonly.error).toMatchObject({ key: 'destinations.readonly', params: { roomId: roomId('経営会議'), name: '経営会議' } });
    const ok = await set(`room:${roomId('全社連絡')}`);
    expect(ok.code).toBe(0);
    expect(await h.store((store) => store.destinations.all())).toMatchObject({ praise: `room:${roomId('全社連絡')}` });
  });

  it('a direct chat is not a group chat; a room the account is not in does not exist for it', async () => {
    const direct = h.sandbox.control.rooms().find((r) => r.type === 'direct')!.room_id;
    expect((await h.unchanged(() => set(`room:${direct}`))).error).toMatchObject({ key: 'destinations.notGroup', params: { roomId: direct } });
    expect((await h.unchanged(() => set('room:999999'))).error).toMatchObject({ key: 'destinations.noRoom', params: { roomId: 999999 } });
  });
});

describe('destinations set: a room Chatwork will not show or cannot answer for', () => {
  const set = (destination: string) => h.invoke((_options, deps) => setDestination(deps, { type: 'praise', destination }), {});

  it('refused to this login (HTTP 403): no such room for it, exit 2, nothing saved', async () => {
    for (const token of h.sandbox.control.state.accessTokens.values()) token.scopes = token.scopes.filter((scope) => !scope.startsWith('rooms'));
    const result = await h.unchanged(() => set(`room:${roomId('全社連絡')}`));
    expect(result.code).toBe(2);
    expect(result.error).toMatchObject({ key: 'destinations.noRoom', params: { roomId: roomId('全社連絡') } });
  });

  it('Chatwork failing (HTTP 500) is not the admin\'s mistake: not a usage error, nothing saved', async () => {
    h.sandbox.control.setFaults({ serverErrorRate: 1 });
    const result = await h.unchanged(() => set(`room:${roomId('全社連絡')}`));
    expect(result.error).not.toBeInstanceOf(UsageError);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBe(2);
  });

  it('in setup, such a failure ends the step instead of asking again', async () => {
    await h.linkAll();
    const hr = roomId('人事部 HiManager通知');
    const { code, error, asked } = await step([`room:${hr}`, 'dm', 'dm', 'dm'], () => h.sandbox.control.setFaults({ serverErrorRate: 1 }));
    expect(asked).toHaveLength(1);
    expect(error).not.toBeInstanceOf(UsageError);
    expect(code).not.toBe(0);
  });
});

describe('destinations set: the delivery options saved', () => {
  const set = (extra: { as?: string; nonMembers?: string; json?: boolean }, destination = `room:${roomId('人事部 HiManager通知')}`) =>
    h.invoke((_options, deps) => setDestination(deps, { type: 'survey', destination, ...extra }), {});
  const saved = () => h.store(async (store) => { const c = await store.config.get(); return [c.deliverAs, c.nonMembers]; });

  it('--as alone saves how it is delivered and nothing else; --non-members alone the fallback and nothing else', async () => {
    await set({ as: 'task' });
    expect(await saved()).toEqual([{ survey: 'task' }, undefined]);
    await set({ nonMembers: 'dm' });
    expect(await saved()).toEqual([{ survey: 'task' }, { survey: 'dm' }]);
  });

  it('--json says nothing on stderr, withdrawn deliveries included', async () => {
    await h.linkAll();
    await h.store((store) => store.deliveries.defer({ key: 'held-1', roomId: 900, pairs: [['r1', 'P2000001']], bodyHash: 'h', type: 'survey', at: 1, body: 'b', until: 2 }));
    const result = await set({ json: true }, 'off');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ type: 'survey', destination: 'off', deliverAs: 'message', withdrawn: 1 });
  });
});

describe('destinations set: --as and --non-members', () => {
  it('reads message and task (any case, spaces around); refuses anything else naming the value', () => {
    expect(deliveryOptions({ as: ' Task ' }, 'dm')).toEqual({ as: 'task' });
    expect(deliveryOptions({ as: 'message' }, 'dm')).toEqual({ as: 'message' });
    expect(deliveryOptions({}, 'dm')).toEqual({});
    expect(() => deliveryOptions({ as: 'mail' }, 'dm')).toThrow(expect.objectContaining({ key: 'admin.destinations.badDeliverAs', params: { value: 'mail' } }));
  });

  it('--non-members skip|dm only with a group chat destination', () => {
    expect(deliveryOptions({ nonMembers: ' DM' }, 'room:5')).toEqual({ nonMembers: 'dm' });
    expect(deliveryOptions({ nonMembers: 'skip' }, ' room:5')).toEqual({ nonMembers: 'skip' });
    expect(() => deliveryOptions({ nonMembers: 'email' }, 'room:5')).toThrow(expect.objectContaining({ key: 'admin.destinations.badNonMembers', params: { value: 'email' } }));
    expect(() => deliveryOptions({ nonMembers: 'dm' }, 'dm')).toThrow(expect.objectContaining({ key: 'admin.destinations.nonMembersNeedsRoom' }));
  });
});

describe('destinations set: what it says', () => {
  beforeEach(() => h.linkAll());
  const set = (destination: string, extra: { as?: string; nonMembers?: string; json?: boolean } = {}) =>
    h.invoke((_options, deps) => setDestination(deps, { type: 'survey', destination, ...extra }), {});

  it('a group chat: saved under its name, then who it does not reach and how to reach them', async () => {
    const hr = roomId('人事部 HiManager通知');
    const result = await set(`room:${hr}`);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Destination of survey (サーベイ): group chat 人事部 HiManager通知 (room ID 500000067).
      2 linked users are not members of 人事部 HiManager通知 (500000067): 山田 太一 (P3000001), 佐藤 健 (P3000002)
      They are skipped when survey (サーベイ) is sent. Add them to the group chat in Chatwork, or send them a direct chat instead: himanager-chatwork destinations set survey room:500000067 --non-members dm
      "
    `);
  });

  it('with --non-members dm the people outside get a direct chat; with --as task it says tasks are made', async () => {
    const hr = roomId('人事部 HiManager通知');
    const result = await set(`room:${hr}`, { nonMembers: 'dm', as: 'task' });
    expect(result.stderr).toMatchInlineSnapshot(`
      "Destination of survey (サーベイ): group chat 人事部 HiManager通知 (room ID 500000067).
      survey (サーベイ) is delivered as a Chatwork task; the reminder's due date is its deadline.
      2 linked users are not members of 人事部 HiManager通知 (500000067): 山田 太一 (P3000001), 佐藤 健 (P3000002)
      They get survey (サーベイ) in a direct chat instead.
      "
    `);
    expect(await h.store(async (store) => { const c = await store.config.get(); return [c.deliverAs, c.nonMembers]; })).toEqual([{ survey: 'task' }, { survey: 'dm' }]);
  });

  it('everyone linked in the room: says so', async () => {
    const all = roomId('全社連絡');
    for (const id of [3_000_001, 3_000_002]) h.sandbox.control.setMember(all, id, 'member');
    expect((await set(`room:${all}`)).stderr).toMatchInlineSnapshot(`
      "Destination of survey (サーベイ): group chat 全社連絡 (room ID 500000066).
      Every linked user is a member of 全社連絡 (500000066).
      "
    `);
  });

  it('--json: the destination, how it is delivered, the room and who it misses; DM has no room part', async () => {
    const hr = roomId('人事部 HiManager通知');
    const room = JSON.parse((await set(`room:${hr}`, { json: true })).stdout);
    expect(room).toMatchObject({ type: 'survey', destination: `room:${hr}`, deliverAs: 'message', roomName: '人事部 HiManager通知', nonMembers: 'skip', withdrawn: 0 });
    expect(room.outsiders).toHaveLength(2);
    const dm = await set('dm', { json: true });
    expect(dm.stderr).toBe('');
    expect(JSON.parse(dm.stdout)).toEqual({ type: 'survey', destination: 'dm', deliverAs: 'message', withdrawn: 0 });
  });

  it('held deliveries of the type that no longer fit are withdrawn at once, and counted', async () => {
    await h.store((store) => store.deliveries.defer({ key: 'held-1', roomId: 900, pairs: [['r1', 'P2000001']], bodyHash: 'h', type: 'survey', at: 1, body: 'b', until: 2 }));
    const result = await set('off');
    expect(result.stderr).toMatchInlineSnapshot(`
      "Destination of survey (サーベイ): off (not sent).
      Withdrew 1 held deliveries that were waiting for the send window (see \`history --status withdrawn\`).
      "
    `);
    expect(await h.store((store) => store.deliveries.outbox())).toEqual([]);
  });
});
