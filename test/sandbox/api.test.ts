import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { authorize } from '../helpers/oauth-browser.js';
import { createFakeClock } from '../helpers/fake-clock.js';

let sandbox: Sandbox;
let token: string;
// The sandbox's time stands still at T0 (plus what a test advances), and its latency is a recorded
// sleep: nothing here races or measures the real clock.
const T0 = Date.UTC(2026, 10, 24, 1, 0, 0, 500);
const clock = createFakeClock(T0);
beforeAll(async () => { sandbox = await startSandbox({ seed: 'demo', clock }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(async () => {
  sandbox.control.reset();
  token = (await authorize(sandbox)).access_token;
});

const get = (path: string, bearer = token) => fetch(`${sandbox.apiUrl}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
const post = (path: string, body: string | URLSearchParams, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body });
const roomNamed = (name: string) => [...sandbox.control.state.rooms.values()].find((r) => r.name === name)!.room_id;

describe('sandbox API v2', () => {
  it('answers /me as the notification account, with rate-limit headers', async () => {
    const response = await get('/me');
    expect(await response.json()).toMatchObject({ account_id: 1_000_001, name: 'HiManager通知' });
    expect(response.headers.get('x-ratelimit-limit')).toBe('300');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('299');
    // A window opened by the first request, aligned to the whole second, five minutes long.
    const opened = Math.floor(clock.now() / 1000);
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBe(opened + 300);
  });

  it('lists 30 contacts, each with its DM room, Japanese names as typed', async () => {
    const contacts = await (await get('/contacts')).json() as { name: string; room_id: number }[];
    expect(contacts).toHaveLength(30);
    expect(contacts.map((c) => c.name)).toEqual(expect.arrayContaining(['髙橋 一郎', '山﨑次郎', '佐藤　花子', 'ｼﾞｮﾝ ｽﾐｽ', 'ＩＴＯ　Ｙｕｋｉ']));
    const room = await (await get(`/rooms/${contacts[0]!.room_id}`)).json() as { type: string };
    expect(room.type).toBe('direct');
  });

  it('answers an empty list with 204 and no body', async () => {
    const empty = await startSandbox({ seed: 'empty' });
    try {
      const emptyToken = (await authorize(empty)).access_token;
      const response = await fetch(`${empty.apiUrl}/contacts`, { headers: { authorization: `Bearer ${emptyToken}` } });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    } finally {
      await empty.stop();
    }
  });

  it('lists group rooms with the account role', async () => {
    const rooms = await (await get('/rooms')).json() as { name: string; role: string; type: string }[];
    const groups = Object.fromEntries(rooms.filter((r) => r.type === 'group').map((r) => [r.name, r.role]));
    expect(groups).toEqual({ '全社連絡': 'member', '人事部 HiManager通知': 'admin', '経営会議': 'readonly' });
  });

  it('reads only a form body on POST: JSON bodies and query parameters are ignored', async () => {
    const room = roomNamed('全社連絡');
    const json = await post(`/rooms/${room}/messages`, JSON.stringify({ body: 'hi' }), { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ errors: ["Parameter 'body' is required"] });
    const query = await post(`/rooms/${room}/messages?body=hi`, '', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(query.status).toBe(400);
    const form = await post(`/rooms/${room}/messages`, new URLSearchParams({ body: 'こんにちは' }));
    expect(await form.json()).toMatchObject({ message_id: expect.stringMatching(/^\d+$/) });
  });

  it('refuses a post from a readonly member', async () => {
    const response = await post(`/rooms/${roomNamed('経営会議')}/messages`, new URLSearchParams({ body: 'x' }));
    expect(response.status).toBe(403);
    expect((await response.json() as { errors: string[] }).errors[0]).toContain('permission');
  });

  it('limits posts to 10 per 10 s per room', async () => {
    const room = roomNamed('全社連絡');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(`/rooms/${room}/messages`, new URLSearchParams({ body: `m${i}` }))).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    const last = await post(`/rooms/${room}/messages`, new URLSearchParams({ body: 'again' }));
    expect(await last.json()).toEqual({ errors: ['Rate limit for message posting per room exceeded.'] });
  });

  it('answers 429 past the general limit, with remaining 0 and the reset', async () => {
    sandbox.control.setLimits({ rateLimit: { count: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await get('/me'));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(statuses[3]!.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('answers an expired or unknown token with 401 and www-authenticate', async () => {
    sandbox.control.expireAccessTokens();
    const expired = await get('/me');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="The access token expired"');
    expect(await expired.json()).toEqual({ errors: ['Invalid API token'] });
    expect((await get('/me', 'made-up')).status).toBe(401);
  });

  it('returns the latest messages with force=1, and only new ones without it', async () => {
    const room = roomNamed('全社連絡');
    await post(`/rooms/${room}/messages`, new URLSearchParams({ body: 'one' }));
    expect((await (await get(`/rooms/${room}/messages?force=1`)).json() as unknown[]).length).toBe(1);
    expect((await get(`/rooms/${room}/messages`)).status).toBe(204);
    await post(`/rooms/${room}/messages`, new URLSearchParams({ body: 'two' }));
    expect((await (await get(`/rooms/${room}/messages`)).json() as { body: string }[]).map((m) => m.body)).toEqual(['two']);
    const messages = await (await get(`/rooms/${room}/messages?force=1`)).json() as { body: string; account: { account_id: number } }[];
    expect(messages[0]).toMatchObject({ body: 'one', account: { account_id: 1_000_001 } });
  });

  it('keeps a removed contact out of /contacts', async () => {
    sandbox.control.removeContact(2_000_001);
    const contacts = await (await get('/contacts')).json() as { account_id: number }[];
    expect(contacts.map((c) => c.account_id)).not.toContain(2_000_001);
  });
});

describe('sandbox fault injection', () => {
  const roomPost = (body: string) => post(`/rooms/${roomNamed('全社連絡')}/messages`, new URLSearchParams({ body }));
  const stored = () => sandbox.control.rooms().find((r) => r.name === '全社連絡')!.messages.map((m) => m.body);

  it('answers 5xx without storing the message', async () => {
    sandbox.control.setFaults({ serverErrorRate: 1 });
    expect((await roomPost('lost')).status).toBe(500);
    expect(stored()).toEqual([]);
  });

  it('drops the connection before the message is stored', async () => {
    sandbox.control.setFaults({ dropBeforeRate: 1 });
    await expect(roomPost('never')).rejects.toThrow();
    expect(stored()).toEqual([]);
  });

  it('drops the connection after the message is stored', async () => {
    sandbox.control.setFaults({ dropAfterRate: 1 });
    await expect(roomPost('stored but unanswered')).rejects.toThrow();
    expect(stored()).toEqual(['stored but unanswered']);
  });

  it('adds latency, and can limit faults to posts', async () => {
    sandbox.control.setFaults({ latencyMs: 150, postsOnly: true, serverErrorRate: 1 });
    clock.sleeps.length = 0;
    expect((await get('/me')).status).toBe(200);
    expect(clock.sleeps).toEqual([]);
    expect((await roomPost('x')).status).toBe(500);
    expect(clock.sleeps).toEqual([150]);
  });

  it('exposes its controls only under /_sandbox/', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ serverErrorRate: 1 }) });
    expect(response.status).toBe(200);
    expect((await roomPost('x')).status).toBe(500);
    sandbox.control.setFaults({ serverErrorRate: 0 });
    expect((await fetch(`${sandbox.apiUrl}/_sandbox/reset`, { method: 'POST' })).status).toBe(401);
  });
});
