import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { sendAll } from '../../src/delivery/send.js';
import type { SendOptions } from '../../src/delivery/send-outcome.js';
import { ApiError, AuthError, InterruptedError } from '../../src/errors/index.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';
import type { FakeChatwork } from '../helpers/fake-chatwork.js';

/**
 * The exactly-once core for tasks: the ledger in a real SQLite store, the send loop against an
 * in-memory Chatwork. Every test counts the tasks in the room, what an assignee sees.
 */
let fixture: DeliveryFixture;
let store: Store;
let clock: DeliveryFixture['clock'];
let api: FakeChatwork;

beforeEach(async () => {
  fixture = await openDeliveryFixture('hmcw-tasks-');
  ({ store, clock, api } = fixture);
});
afterEach(() => fixture.close());

const ROOM = 600;
const LIMIT = 1_796_000_000;

function task(reminderId: string, accountIds: number[], body = `${reminderId} の入力をお願いします`, taskLimit: number | null = LIMIT): Delivery {
  const recipients = accountIds.map((accountId, i) => ({ userId: `E${i}`, accountId, name: `p${i}` }));
  return {
    key: pairKey(reminderId, 'E0'), reminderId, type: 'update-survey', route: accountIds.length > 1 ? 'room' : 'dm', roomId: ROOM, kind: 'task',
    ...(taskLimit !== null ? { taskLimit } : {}), recipients, pairs: recipients.map((r) => [reminderId, r.userId] as [string, string]), body, bodyHash: hashBody(body),
  };
}

const send = (deliveries: Delivery[], extra: Partial<SendOptions> = {}) =>
  sendAll(deliveries, { api, ledger: store.deliveries, clock, ownAccountId: api.ownAccountId, ...extra });

async function leftInFlight(d: Delivery) {
  await store.deliveries.intent({ key: d.key, roomId: d.roomId, pairs: d.pairs, bodyHash: d.bodyHash, type: d.type, at: clock.now(), kind: 'task', taskLimit: d.taskLimit });
}

describe('tasks: exactly once', () => {
  it('posts one task per assignee with the deadline, and records the task ids as sent', async () => {
    const d = task('r1', [2001, 2002]);
    const [outcome] = await send([d]);
    expect(api.tasksIn(ROOM).map((t) => [t.account.account_id, t.limit_time, t.body])).toEqual([[2001, LIMIT, d.body], [2002, LIMIT, d.body]]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted', messageId: '9001,9002' });
    expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'sent', kind: 'task', taskLimit: LIMIT, taskIds: ['9001', '9002'] });
    expect(await store.deliveries.isTaskClaimed('9001')).toBe(true);
    // A second run finds it sent: the plan never hands it over again, and a task without a deadline has none.
    const [undated] = await send([task('r2', [2001], 'r2', null)]);
    expect(undated).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.tasksIn(ROOM).at(-1)).toMatchObject({ limit_time: 0, limit_type: 'none' });
    expect(await store.deliveries.entry(pairKey('r2', 'E0'))).not.toHaveProperty('taskLimit');
  });

  it('fails without posting when no assignee is linked, and says so', async () => {
    const d = task('r1', [0]);
    const [outcome] = await send([d]);
    expect(outcome).toEqual({ kind: 'failed', delivery: d, reason: 'no linked assignee for the task' });
    expect(api.tasksIn(ROOM)).toEqual([]);
  });

  it('a task left in flight by a crash is found and recorded, never posted twice', async () => {
    const d = task('r1', [2001, 2002]);
    await api.postTask(ROOM, d.body, [2001, 2002], LIMIT); // what the crashed run's POST made
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: '9001,9002' });
    expect(api.tasksIn(ROOM)).toHaveLength(2);
  });

  it('a task left in flight that never reached Chatwork is posted, once', async () => {
    const d = task('r1', [2001]);
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.tasksIn(ROOM)).toHaveLength(1);
  });

  it('a task of another delivery with the same body is not taken for this one', async () => {
    const earlier = task('r0', [2001], 'same text');
    await send([earlier]);
    const d = { ...task('r1', [2001], 'same text'), key: pairKey('r1', 'E0') };
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted', messageId: '9002' });
    expect(api.tasksIn(ROOM)).toHaveLength(2);
  });

  it('an in-flight task whose room cannot be read is failed as ambiguous, not posted again', async () => {
    const d = task('r1', [2001]);
    await leftInFlight(d);
    api.failTaskReads = 1;
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: "ambiguous: could not read the room's tasks to reconcile" });
    expect(api.tasksIn(ROOM)).toEqual([]);
  });

  it('some assignees have the task and others not: unknown, so neither posted again nor called delivered', async () => {
    const d = task('r1', [2001, 2002]);
    await api.postTask(ROOM, d.body, [2001], LIMIT);
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: "ambiguous: could not read the room's tasks to reconcile" });
    expect(api.tasksIn(ROOM)).toHaveLength(1);
  });

  it('an answer lost after the task was stored: found by reconciling, recorded once', async () => {
    api.postFaults = ['stored-no-answer'];
    const d = task('r1', [2001]);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: '9001' });
    expect(api.tasksIn(ROOM)).toHaveLength(1);
    expect(clock.sleeps).toContain(1000);
  });

  it('a request lost before Chatwork: not found, so posted again, within three attempts', async () => {
    api.postFaults = ['lost-no-answer', 'lost-no-answer'];
    const [outcome] = await send([task('r1', [2001])]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.tasksIn(ROOM)).toHaveLength(1);
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([1000, 2000]);
    api.postFaults = ['lost-no-answer', 'lost-no-answer', 'lost-no-answer'];
    const [gaveUp] = await send([task('r2', [2001])]);
    expect(gaveUp).toMatchObject({ kind: 'failed', reason: 'ambiguous: no answer and no such task in the room' });
  });

  it('an answer lost and the tasks unreadable: failed as ambiguous', async () => {
    api.postFaults = ['stored-no-answer'];
    api.failTaskReads = 1;
    const [outcome] = await send([task('r1', [2001])]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: "ambiguous: could not read the room's tasks to reconcile" });
  });

  it('an API error fails the delivery with its status and messages; a stop leaves it pending; a rejected login ends the run', async () => {
    api.postFaults = [new ApiError(400, 'POST', '/rooms/600/tasks', ['limit is invalid'])];
    const [bad] = await send([task('r1', [2001])]);
    expect(bad).toMatchObject({ kind: 'failed', reason: 'HTTP 400: limit is invalid' });
    expect(await store.deliveries.entry(pairKey('r1', 'E0'))).toMatchObject({ status: 'failed', reason: 'HTTP 400: limit is invalid' });
    api.postFaults = [new ApiError(400, 'POST', '/rooms/600/tasks', ['limit is invalid', 'to_ids is invalid'])];
    expect((await send([task('r6', [2001])]))[0]).toMatchObject({ kind: 'failed', reason: 'HTTP 400: limit is invalid; to_ids is invalid' });
    api.postFaults = [new ApiError(500, 'POST', '/rooms/600/tasks', [])];
    expect((await send([task('r5', [2001])]))[0]).toMatchObject({ kind: 'failed', reason: 'HTTP 500: -' });
    api.postFaults = [new InterruptedError()];
    expect((await send([task('r2', [2001])]))[0]).toMatchObject({ kind: 'pending', reason: 'stopped' });
    api.postFaults = [new AuthError('auth.tokenRejected', { detail: 'x' })];
    await expect(send([task('r3', [2001])])).rejects.toBeInstanceOf(AuthError);
    expect(api.tasksIn(ROOM)).toEqual([]);
  });

  it('the intent keeps the deadline before the POST: a run stopped mid-POST leaves it in the ledger', async () => {
    api.postFaults = [new InterruptedError(), new InterruptedError()];
    const [dated] = await send([task('r1', [2001])]);
    expect(dated).toMatchObject({ kind: 'pending', reason: 'stopped' });
    expect(await store.deliveries.entry(pairKey('r1', 'E0'))).toMatchObject({ status: 'in-flight', kind: 'task', taskLimit: LIMIT });
    await send([task('r2', [2001], 'r2', null)]);
    expect(await store.deliveries.entry(pairKey('r2', 'E0'))).not.toHaveProperty('taskLimit');
  });

  it('a first attempt reads no tasks: nothing can exist yet, so an unreadable room does not stop it', async () => {
    api.failTaskReads = 1;
    const [outcome] = await send([task('r1', [2001])]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted', messageId: '9001' });
    expect(api.stats.requests).toBe(1);
    expect(api.failTaskReads).toBe(1);
  });

  it('a rejected login while reading the tasks ends the run; nothing is posted', async () => {
    const d = task('r1', [2001]);
    await leftInFlight(d);
    api.failTaskReads = 1;
    api.readError = new AuthError('auth.tokenRejected', { detail: 'x' });
    await expect(send([d])).rejects.toBeInstanceOf(AuthError);
    expect(api.tasksIn(ROOM)).toEqual([]);
  });

  it('an unconfirmed task post is logged before it is reconciled', async () => {
    api.postFaults = ['stored-no-answer'];
    const logged: string[] = [];
    await send([task('r1', [2001])], { log: (line) => logged.push(line) });
    expect(logged).toEqual([`ambiguous task post to room ${ROOM}; reconciling`]);
  });

  it('checks each listed task itself: a server that ignored the filter gives nothing else\'s task as ours', async () => {
    api.ignoreTaskFilter = true;
    const d = task('r1', [2001]);
    api.seedTask(ROOM, d.body, 2002); // ours, same body, another assignee
    api.seedTask(ROOM, d.body, 2001, { assignedBy: 3000 }); // same body and assignee, assigned by someone else
    api.seedTask(ROOM, 'another reminder', 2001); // ours, this assignee, another body
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted', messageId: '9004' });
    expect(api.tasksIn(ROOM).filter((t) => t.account.account_id === 2001 && t.body === d.body && t.assigned_by_account.account_id === api.ownAccountId)).toHaveLength(1);
  });

  it('of two equal unclaimed tasks, the newest is the one the crashed run made', async () => {
    const d = task('r1', [2001]);
    api.seedTask(ROOM, d.body, 2001); // 9001: made by hand, long ago, never claimed
    api.seedTask(ROOM, d.body, 2001); // 9002: the crashed run's POST
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: '9002' });
  });

  it('asks for each assignee\'s tasks by us: Chatwork lists at most 100, and a busy room has more', async () => {
    const d = task('r1', [2001]);
    api.seedTask(ROOM, d.body, 2001); // 9001: the crashed run's POST
    for (let i = 0; i < 100; i++) api.seedTask(ROOM, `another task ${i}`, 2002 + (i % 3));
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: '9001' });
    expect(api.tasksIn(ROOM).filter((t) => t.body === d.body)).toHaveLength(1);
  });
});
