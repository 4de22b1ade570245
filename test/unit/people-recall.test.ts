import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planRecall, recallAll, type RecallResult } from '../../src/delivery/recall.js';
import { AmbiguousRequestError, ApiError, AuthError, CliError, InterruptedError, LockedError } from '../../src/errors/index.js';
import type { DeliveryEntry, Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * recallAll against the ledger of a real SQLite store and an in-memory Chatwork whose messages
 * and tasks a test can see: what is deleted, what is marked done, what is withdrawn, what is
 * left for the next recall, and what the ledger says after each.
 */
const ROOM = 500;
let fixture: DeliveryFixture;
let store: Store;
/** What the in-memory Chatwork was asked, in order. */
let calls: string[];
/** Messages still in the room, by id. */
let messages: Set<string>;
/** The next DELETE, message read or task PUT throws this (once). */
let fault: Error | undefined;
let stop = false;

const api = () => ({
  ...fixture.api,
  async message(roomId: number, messageId: string) {
    calls.push(`GET ${roomId}/${messageId}`);
    return messages.has(messageId) ? { message_id: messageId } as never : undefined;
  },
  async deleteMessage(roomId: number, messageId: string) {
    calls.push(`DELETE ${roomId}/${messageId}`);
    const error = fault;
    fault = undefined;
    if (error) throw error;
    return messages.delete(messageId) ? 'deleted' as const : 'gone' as const;
  },
  async setTaskStatus(roomId: number, taskId: string, status: 'done' | 'open') {
    calls.push(`PUT ${roomId}/${taskId}=${status}`);
    const error = fault;
    fault = undefined;
    if (error) throw error;
  },
});

beforeEach(async () => {
  fixture = await openDeliveryFixture('hmcw-recall-');
  store = fixture.store;
  calls = [];
  messages = new Set();
  fault = undefined;
  stop = false;
});
afterEach(() => fixture.close());

async function sentMessage(key: string, users: string[], messageId = `m-${key}`): Promise<void> {
  await store.deliveries.intent({ key, roomId: ROOM, pairs: users.map((u) => ['r1', u]), bodyHash: `h-${key}`, type: 'survey', at: fixture.clock.now() });
  await store.deliveries.sent(key, messageId, 'posted', fixture.clock.now());
  messages.add(messageId);
}

async function recall(reminder = 'r1', users?: Set<string>, generation?: number): Promise<{ results: RecallResult[]; seen: RecallResult[]; log: string[] }> {
  const seen: RecallResult[] = [];
  const log: string[] = [];
  const items = planRecall(await store.deliveries.byReminder(reminder), reminder, users);
  const results = await recallAll(items, {
    api: api(), ledger: store.deliveries, clock: fixture.clock, shouldStop: () => stop, generation,
    onResult: (result) => seen.push(result), log: (line) => log.push(line),
  });
  return { results, seen, log };
}

const entry = async (key: string): Promise<DeliveryEntry> => (await store.deliveries.entry(key))!;
const outcomes = (results: RecallResult[]) => results.map((r) => `${r.item.entry.key}:${r.outcome}${r.reason ? `:${r.reason}` : ''}`);

describe('recallAll: each delivery recalled once, its outcome in the ledger', () => {
  it('deletes a message, then records it recalled; a second recall does nothing', async () => {
    await sentMessage('a', ['u1']);
    const { results, seen } = await recall();
    expect(outcomes(results)).toEqual(['a:recalled']);
    expect(seen).toEqual(results);
    expect(calls).toEqual([`DELETE ${ROOM}/m-a`]);
    expect(messages.has('m-a')).toBe(false);
    expect((await entry('a')).recall).toEqual({ state: 'recalled', at: fixture.clock.now() });
    calls = [];
    expect((await recall()).results).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('a message already gone from Chatwork is recorded recalled with that reason', async () => {
    await sentMessage('a', ['u1']);
    messages.delete('m-a');
    expect(outcomes((await recall()).results)).toEqual(['a:gone']);
    expect((await entry('a')).recall).toMatchObject({ state: 'recalled', reason: 'already gone from Chatwork' });
  });

  it('a task is marked done, every task of it, since the API cannot delete one', async () => {
    await store.deliveries.intent({ key: 't', roomId: ROOM, pairs: [['r1', 'u1'], ['r1', 'u2']], bodyHash: 'h', type: 'survey', at: 0, kind: 'task' });
    await store.deliveries.sentTasks('t', ['41', '42'], 'posted', 1);
    expect(outcomes((await recall()).results)).toEqual(['t:closed']);
    expect(calls).toEqual([`PUT ${ROOM}/41=done`, `PUT ${ROOM}/42=done`]);
    expect((await entry('t')).recall).toMatchObject({ state: 'closed', reason: 'task marked done: the API cannot delete tasks' });
  });

  it('a deferred delivery never posted is withdrawn without a request', async () => {
    await store.deliveries.defer({ key: 'd', roomId: ROOM, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: 0, body: 'b', until: 10 });
    expect(outcomes((await recall()).results)).toEqual(['d:cancelled']);
    expect(calls).toEqual([]);
    expect((await entry('d')).recall).toMatchObject({ state: 'cancelled', reason: 'withdrawn before it was sent' });
    expect(await store.deliveries.outbox()).toEqual([]);
  });

  it('what it cannot recall (shared with someone not asked for) is left alone and not reported as a result', async () => {
    await sentMessage('room', ['u1', 'u2']);
    const { results, seen } = await recall('r1', new Set(['u1']));
    expect(results).toEqual([]);
    expect(seen).toEqual([]);
    expect(calls).toEqual([]);
    expect((await entry('room')).recall).toBeUndefined();
  });

  it('asked to stop: every remaining delivery is pending, nothing is sent and the ledger holds no intent', async () => {
    await sentMessage('a', ['u1']);
    stop = true;
    expect(outcomes((await recall()).results)).toEqual(['a:pending']);
    expect(calls).toEqual([]);
    expect((await entry('a')).recall).toBeUndefined();
  });
});

describe('planRecall: a recall done before, or failed before', () => {
  const entry = (key: string, extra: Partial<DeliveryEntry>): DeliveryEntry => ({
    key, roomId: ROOM, pairs: [['r1', 'u1']], bodyHash: 'h', intentAt: 0, status: 'sent', at: 0, kind: 'message', messageId: `m-${key}`, ...extra,
  });
  it('recalled, closed or cancelled: already; failed: tried again, as a delete, a close or a withdrawal', () => {
    const items = planRecall([
      entry('a', { recall: { state: 'closed', at: 1 } }), entry('b', { recall: { state: 'cancelled', at: 1 } }),
      entry('c', { recall: { state: 'failed', at: 1 } }), entry('d', { kind: 'task', messageId: undefined, taskIds: ['1'], recall: { state: 'failed', at: 1 } }),
      entry('e', { status: 'deferred', messageId: undefined, recall: { state: 'failed', at: 1 } }),
    ], 'r1');
    expect(items.map((i) => `${i.entry.key}:${i.action}`)).toEqual(['a:already', 'b:already', 'c:delete', 'd:close', 'e:cancel']);
  });

  it('a recall interrupted on a shared message, or on a digest, still finishes when asked for one of its people', () => {
    const shared = entry('s', { pairs: [['r1', 'u1'], ['r1', 'u2']], recall: { state: 'in-flight', at: 1 } });
    const digest = entry('g', { pairs: [['r1', 'u1'], ['r9', 'u1']], recall: { state: 'failed', at: 1 } });
    expect(planRecall([shared, digest], 'r1', new Set(['u1'])).map((i) => `${i.entry.key}:${i.action}`)).toEqual(['s:delete', 'g:delete']);
  });
});

describe('recallAll after an interruption: never a second DELETE of one message', () => {
  it('a recall left in flight whose message is gone is recorded recalled, without a DELETE', async () => {
    await sentMessage('a', ['u1']);
    await store.deliveries.recallIntent('a', 1);
    messages.delete('m-a');
    expect(outcomes((await recall()).results)).toEqual(['a:recalled']);
    expect(calls).toEqual([`GET ${ROOM}/m-a`]);
    expect((await entry('a')).recall).toMatchObject({ state: 'recalled', reason: 'deleted (confirmed after an interruption)' });
  });

  it('a recall left in flight whose message is still there deletes it', async () => {
    await sentMessage('a', ['u1']);
    await store.deliveries.recallIntent('a', 1);
    expect(outcomes((await recall()).results)).toEqual(['a:recalled']);
    expect(calls).toEqual([`GET ${ROOM}/m-a`, `DELETE ${ROOM}/m-a`]);
    expect((await entry('a')).recall?.reason).toBeUndefined();
  });

  it('a first recall does not look before it deletes', async () => {
    await sentMessage('a', ['u1']);
    await recall();
    expect(calls).toEqual([`DELETE ${ROOM}/m-a`]);
  });
});

describe('recallAll when Chatwork fails', () => {
  it('an HTTP error is recorded failed with its status and messages, and the next delivery is still recalled', async () => {
    await sentMessage('a', ['u1']);
    await sentMessage('b', ['u2']);
    fault = new ApiError(500, 'DELETE', '/rooms', ['broken', 'really']);
    expect(outcomes((await recall()).results)).toEqual(['a:failed:HTTP 500: broken; really', 'b:recalled']);
    expect((await entry('a')).recall).toMatchObject({ state: 'failed', reason: 'HTTP 500: broken; really' });
  });

  it.each([
    ['an HTTP error without messages says "-"', () => new ApiError(403, 'DELETE', '/rooms', []), 'HTTP 403: -'],
    ['another CLI error gives its message', () => new CliError('api.notFound', { status: 404, method: 'DELETE', endpoint: '/x' }), new CliError('api.notFound', { status: 404, method: 'DELETE', endpoint: '/x' }).message],
    ['anything else gives its text', () => new TypeError('boom'), 'TypeError: boom'],
  ])('%s, as the reason it failed', async (_name, make, reason) => {
    await sentMessage('a', ['u1']);
    fault = make();
    expect(outcomes((await recall()).results)).toEqual([`a:failed:${reason}`]);
    expect((await entry('a')).recall).toMatchObject({ state: 'failed', reason });
  });

  it('no answer: pending, logged, the intent kept in flight for the next recall to confirm', async () => {
    await sentMessage('a', ['u1']);
    fault = new AmbiguousRequestError('/rooms/500/messages/m-a', new Error('socket hang up'));
    const { results, log } = await recall();
    expect(outcomes(results)).toEqual(['a:pending:no answer from Chatwork']);
    expect(log).toEqual([`ambiguous recall in room ${ROOM}; left for the next recall to confirm`]);
    expect((await entry('a')).recall?.state).toBe('in-flight');
  });

  it('interrupted while waiting: pending, no reason, the intent in flight', async () => {
    await sentMessage('a', ['u1']);
    fault = new InterruptedError();
    const { results } = await recall();
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([['pending', undefined]]);
    expect((await entry('a')).recall?.state).toBe('in-flight');
  });

  it.each([['a login error', () => new AuthError('send.interrupted')], ['a lost lock', () => new LockedError('send.interrupted')]])('%s ends the recall', async (_name, make) => {
    await sentMessage('a', ['u1']);
    const error = make();
    fault = error;
    await expect(recall()).rejects.toBe(error);
  });

  it('a task whose PUT fails is recorded failed', async () => {
    await store.deliveries.intent({ key: 't', roomId: ROOM, pairs: [['r1', 'u1']], bodyHash: 'h', type: 'survey', at: 0, kind: 'task' });
    await store.deliveries.sentTasks('t', ['41'], 'posted', 1);
    fault = new ApiError(404, 'PUT', '/tasks', ['gone']);
    expect(outcomes((await recall()).results)).toEqual(['t:failed:HTTP 404: gone']);
  });
});
