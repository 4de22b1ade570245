import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { sendAll } from '../../src/delivery/send.js';
import { ExitCode, LockedError } from '../../src/errors/index.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';
import type { FakeChatwork } from '../helpers/fake-chatwork.js';

/**
 * Fencing in the send loop: a run whose lock another run has taken since (its generation is
 * an old one) writes no intent, so it posts nothing; the run that holds the lock now sends.
 * The ledger in a real SQLite store, an in-memory Chatwork.
 */
let fixture: DeliveryFixture;
let store: Store;
let api: FakeChatwork;
/** The generation of a run that has lost its lock, and of the run that holds it now. */
let lost: number;
let current: number;

beforeEach(async () => {
  fixture = await openDeliveryFixture('hmcw-fencing-');
  ({ store, api } = fixture);
  const first = await store.locks.acquireRun();
  await first.release();
  const second = await store.locks.acquireRun();
  ({ generation: lost } = first);
  ({ generation: current } = second);
});
afterEach(() => fixture.close());

const ROOM = 700;

function message(reminderId: string): Delivery {
  const body = `[To:2001]山田 太郎さん\n${reminderId} のお願い`;
  return {
    key: pairKey(reminderId, 'E1'), reminderId, type: 'survey', route: 'dm', roomId: ROOM,
    recipients: [{ userId: 'E1', accountId: 2001, name: '山田 太郎' }], pairs: [[reminderId, 'E1']], body, bodyHash: hashBody(body),
  };
}

function task(reminderId: string): Delivery {
  return { ...message(reminderId), kind: 'task', taskLimit: 1_796_000_000, body: `${reminderId} の入力をお願いします`, bodyHash: hashBody(`${reminderId} の入力をお願いします`) };
}

const send = (deliveries: Delivery[], generation: number) =>
  sendAll(deliveries, { api, ledger: store.deliveries, clock: fixture.clock, ownAccountId: api.ownAccountId, generation, concurrency: 1 });

describe('a run that lost its lock sends nothing', () => {
  it('a message: its intent is refused (exit 5, naming the holder), nothing is posted or recorded', async () => {
    expect(current).toBeGreaterThan(lost);
    const error = await send([message('r1')], lost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).exitCode).toBe(ExitCode.locked);
    expect((error as LockedError).key).toBe('state.fenced');
    expect((error as LockedError).params).toMatchObject({ pid: process.pid });
    expect(api.posts).toEqual([]);
    expect(api.messagesIn(ROOM)).toEqual([]);
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toBeUndefined();
    // The holder sends it.
    const [outcome] = await send([message('r1')], current);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.messagesIn(ROOM)).toHaveLength(1);
  });

  it('a task: the same, no task is created', async () => {
    const error = await send([task('r2')], lost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).key).toBe('state.fenced');
    expect(api.posts).toEqual([]);
    expect(api.tasksIn(ROOM)).toEqual([]);
    expect(await store.deliveries.entry(pairKey('r2', 'E1'))).toBeUndefined();
    const [outcome] = await send([task('r2')], current);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.tasksIn(ROOM)).toHaveLength(1);
    expect(await store.deliveries.entry(pairKey('r2', 'E1'))).toMatchObject({ status: 'sent', kind: 'task', taskLimit: 1_796_000_000 });
  });
});
