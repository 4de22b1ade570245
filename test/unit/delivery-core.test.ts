import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { sendAll, type Outcome } from '../../src/delivery/send.js';
import { ApiError, AuthError, CliError, InterruptedError } from '../../src/errors/index.js';
import { pairKey, type Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';
import type { FakeChatwork } from '../helpers/fake-chatwork.js';

/**
 * The exactly-once core: the ledger in a real SQLite store, the send loop against an in-memory
 * Chatwork. Every test counts the messages in the room, the only thing a recipient sees.
 */
let fixture: DeliveryFixture;
let store: Store;
let clock: DeliveryFixture['clock'];
let api: FakeChatwork;

beforeEach(async () => {
  fixture = await openDeliveryFixture('hmcw-core-');
  ({ store, clock, api } = fixture);
});
afterEach(() => fixture.close());

const ROOM = 500;

function delivery(reminderId: string, userId: string, body = `[To:2001]山田 太郎さん\n${reminderId} のお願い`, roomId = ROOM): Delivery {
  return {
    key: pairKey(reminderId, userId), reminderId, type: 'survey', route: 'dm', roomId,
    recipients: [{ userId, accountId: 2001, name: '山田 太郎' }], pairs: [[reminderId, userId]], body, bodyHash: hashBody(body),
  };
}

const send = (deliveries: Delivery[], extra: Partial<Parameters<typeof sendAll>[1]> = {}) =>
  sendAll(deliveries, { api, ledger: store.deliveries, clock, ownAccountId: api.ownAccountId, ...extra });

/** What a run killed after its intent and before its outcome leaves behind. */
async function leftInFlight(d: Delivery, at = clock.now()) {
  await store.deliveries.intent({ key: d.key, roomId: d.roomId, pairs: d.pairs, bodyHash: d.bodyHash, type: d.type, at });
}

describe('ledger: record and replay', () => {
  it('keeps an intent in flight until its outcome, then records sent with the message id and how', async () => {
    const d = delivery('r1', 'E1');
    await leftInFlight(d);
    expect(await store.deliveries.entry(d.key)).toEqual({
      key: d.key, roomId: ROOM, pairs: [['r1', 'E1']], bodyHash: d.bodyHash, intentAt: clock.now(), status: 'in-flight', at: clock.now(),
      kind: 'message', type: d.type,
    });
    expect((await store.deliveries.inFlight()).map((e) => e.key)).toEqual([d.key]);
    expect(await store.deliveries.isClaimed('77')).toBe(false);
    clock.advance(5_000);
    await store.deliveries.sent(d.key, '77', 'reconciled', clock.now());
    expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'sent', messageId: '77', at: clock.now() });
    expect(await store.deliveries.inFlight()).toEqual([]);
    expect(await store.deliveries.isClaimed('77')).toBe(true);
    const states = await store.deliveries.pairStates([['r1', 'E1'], ['r1', 'E2']]);
    expect([...states]).toEqual([[pairKey('r1', 'E1'), { key: d.key, status: 'sent', outbox: false }]]);
  });

  it('records a failure with its reason, and a new intent clears the reason', async () => {
    const d = delivery('r1', 'E1');
    await leftInFlight(d);
    await store.deliveries.failed(d.key, 'HTTP 400: bad', clock.now());
    expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'failed', reason: 'HTTP 400: bad' });
    clock.advance(1_000);
    await leftInFlight(d);
    const entry = await store.deliveries.entry(d.key);
    expect(entry).toMatchObject({ status: 'in-flight', intentAt: clock.now() });
    expect(entry).not.toHaveProperty('reason');
  });

  it('keeps what a deferral stored (body, type, until) through the later intent, and drops it from the outbox once sent', async () => {
    const d = delivery('r1', 'E1', 'the deferred body');
    const until = clock.now() + 3_600_000;
    await store.deliveries.defer({ key: d.key, roomId: d.roomId, pairs: d.pairs, bodyHash: d.bodyHash, type: 'praise', body: d.body, until, at: clock.now() });
    const deferred = await store.deliveries.entry(d.key);
    expect(deferred).toMatchObject({ status: 'deferred', intentAt: 0, deferred: { body: 'the deferred body', type: 'praise', until } });
    expect((await store.deliveries.outbox()).map((e) => e.deferred)).toEqual([{ body: 'the deferred body', type: 'praise', until }]);
    expect((await store.deliveries.pairStates([['r1', 'E1']])).get(pairKey('r1', 'E1'))).toEqual({ key: d.key, status: 'deferred', outbox: true });

    // The next run sends it: the intent must not lose the deferred part, or a crash now loses the message.
    clock.advance(60_000);
    await store.deliveries.intent({ key: d.key, roomId: d.roomId, pairs: d.pairs, bodyHash: d.bodyHash, type: 'praise', at: clock.now() });
    const inFlight = await store.deliveries.entry(d.key);
    expect(inFlight).toMatchObject({ status: 'in-flight', intentAt: clock.now(), deferred: { body: 'the deferred body', type: 'praise', until } });
    expect((await store.deliveries.outbox()).map((e) => e.key)).toEqual([d.key]);
    expect((await store.deliveries.pairStates([['r1', 'E1']])).get(pairKey('r1', 'E1'))?.outbox).toBe(true);

    await store.deliveries.sent(d.key, '9', 'posted', clock.now());
    expect(await store.deliveries.outbox()).toEqual([]);
    expect((await store.deliveries.pairStates([['r1', 'E1']])).get(pairKey('r1', 'E1'))).toEqual({ key: d.key, status: 'sent', outbox: false });
  });

  it('a plain intent is never in the outbox', async () => {
    await leftInFlight(delivery('r1', 'E1'));
    expect(await store.deliveries.outbox()).toEqual([]);
    expect((await store.deliveries.pairStates([['r1', 'E1']])).get(pairKey('r1', 'E1'))?.outbox).toBe(false);
  });

  it('a room delivery covers each of its pairs; an intent clears their earlier skips', async () => {
    await store.deliveries.skipped([{ reminderId: 'r1', userId: 'E1', type: 'survey', reason: 'unlinked', at: clock.now() }]);
    const key = 'r1\u001froom:9\u001fabc';
    await store.deliveries.intent({ key, roomId: 9, pairs: [['r1', 'E1'], ['r1', 'E2']], bodyHash: 'h', type: 'survey', at: clock.now() });
    expect((await store.deliveries.entry(key))?.pairs).toEqual([['r1', 'E1'], ['r1', 'E2']]);
    const states = await store.deliveries.pairStates([['r1', 'E1'], ['r1', 'E2'], ['r2', 'E1']]);
    expect([...states.keys()].sort()).toEqual([pairKey('r1', 'E1'), pairKey('r1', 'E2')]);
    const skipped = [];
    for await (const row of store.history.query({ status: 'skipped' })) skipped.push(row);
    expect(skipped).toEqual([]);
  });

  it('keeps the runs, newest last', async () => {
    await store.deliveries.runFinished({ delivered: 2, failed: 1, skipped: 3, exitCode: 3, startedAt: 10, deferred: 4, inWindow: false }, 20);
    await store.deliveries.runFinished({ delivered: 5, failed: 0, skipped: 0, exitCode: 0, startedAt: 30 }, 40);
    expect(await store.deliveries.recentRuns()).toEqual([
      { at: 20, startedAt: 10, delivered: 2, failed: 1, skipped: 3, deferred: 4, exitCode: 3, inWindow: false },
      { at: 40, startedAt: 30, delivered: 5, failed: 0, skipped: 0, deferred: 0, exitCode: 0 },
    ]);
    expect(await store.deliveries.recentRuns(1)).toEqual([expect.objectContaining({ at: 40 })]);
  });
});

describe('send: post once, record the outcome', () => {
  it('posts each delivery once and records it as posted', async () => {
    const deliveries = [delivery('r1', 'E1'), delivery('r2', 'E1'), delivery('r3', 'E1')];
    const seen: Outcome[] = [];
    const outcomes = await send(deliveries, { onOutcome: (o) => seen.push(o) });
    expect(api.messagesIn(ROOM).map((m) => m.body).sort()).toEqual(deliveries.map((d) => d.body.trim()).sort());
    expect(outcomes.map((o) => [o.kind, o.kind === 'delivered' && o.how]).sort()).toEqual([['delivered', 'posted'], ['delivered', 'posted'], ['delivered', 'posted']]);
    expect(seen).toHaveLength(3);
    for (const d of deliveries) expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'sent', bodyHash: d.bodyHash });
    expect(api.reads).toEqual([]); // nothing to reconcile: no room read
  });

  it('runs with one worker when asked for none, and delivers everything', async () => {
    const outcomes = await send([delivery('r1', 'E1'), delivery('r2', 'E1')], { concurrency: 0 });
    expect(outcomes.map((o) => o.kind)).toEqual(['delivered', 'delivered']);
  });

  it('records an API refusal as failed, with the status and messages, and goes on with the rest', async () => {
    api.postFaults.push(new ApiError(400, 'POST', '/rooms/500/messages', ['Invalid body', 'too long']));
    const [first, second] = await send([delivery('r1', 'E1'), delivery('r2', 'E1')], { concurrency: 1 });
    expect(first).toMatchObject({ kind: 'failed', reason: 'HTTP 400: Invalid body; too long' });
    expect(second).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toMatchObject({ status: 'failed', reason: 'HTTP 400: Invalid body; too long' });
  });

  it('names a refusal without messages "-", a CLI error by its message, anything else as text', async () => {
    api.postFaults.push(new ApiError(500, 'POST', '/x', []), new CliError('api.ambiguous', { endpoint: '/y' }), new Error('boom') as Error);
    const outcomes = await send([delivery('r1', 'E1'), delivery('r2', 'E1'), delivery('r3', 'E1')], { concurrency: 1 });
    expect(outcomes.map((o) => o.kind === 'failed' && o.reason)).toEqual(['HTTP 500: -', new CliError('api.ambiguous', { endpoint: '/y' }).message, 'Error: boom']);
  });

  it('stops the whole run on an authentication failure, leaving the rest unsent', async () => {
    api.postFaults.push(new AuthError('auth.needed'));
    await expect(send([delivery('r1', 'E1'), delivery('r2', 'E1')], { concurrency: 1 })).rejects.toBeInstanceOf(AuthError);
    expect(api.posts).toHaveLength(1);
    expect(api.messagesIn(ROOM)).toEqual([]);
  });

  it('leaves an interrupted post in flight (pending), so the next run looks in the room first', async () => {
    api.postFaults.push(new InterruptedError());
    const [outcome] = await send([delivery('r1', 'E1')]);
    expect(outcome).toMatchObject({ kind: 'pending', reason: 'stopped' });
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toMatchObject({ status: 'in-flight' });
  });

  it('sends nothing once asked to stop, and holds back what its window no longer allows', async () => {
    let stop = false;
    const outcomes = await send([delivery('r1', 'E1'), delivery('r2', 'E1'), delivery('r3', 'E1')], {
      concurrency: 1,
      hold: (d) => d.reminderId === 'r2',
      onOutcome: () => { stop = true; },
      shouldStop: () => stop,
    });
    expect(outcomes.map((o) => [o.delivery.reminderId, o.kind, o.kind === 'pending' ? o.reason : ''])).toEqual([
      ['r1', 'delivered', ''], ['r2', 'pending', 'stopped'], ['r3', 'pending', 'stopped'],
    ]);
    const held = await send([delivery('r4', 'E1')], { hold: () => true });
    expect(held).toMatchObject([{ kind: 'pending', reason: 'window-closed' }]);
    expect(api.posts.map((p) => p.body)).toEqual([delivery('r1', 'E1').body]);
    expect(await store.deliveries.entry(pairKey('r4', 'E1'))).toBeUndefined();
  });
});

describe('send: reconciliation of what may have been posted', () => {
  it('finds a crash-left delivery in the room and records it as reconciled, without posting', async () => {
    const d = delivery('r1', 'E1');
    await leftInFlight(d);
    const posted = api.seed(ROOM, d.body);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: posted.message_id });
    expect(api.posts).toEqual([]);
    expect(api.reads).toEqual([ROOM]);
    expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'sent', messageId: posted.message_id });
  });

  it('looks in the room the ledger recorded, for the body the ledger recorded', async () => {
    const d = delivery('r1', 'E1', 'first body', 600);
    await leftInFlight(d);
    api.seed(600, 'first body');
    // This run plans the same pair into another room with another body: the crash-left one counts.
    const [outcome] = await send([{ ...delivery('r1', 'E1', 'second body', ROOM) }]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled' });
    expect(api.reads).toEqual([600]);
    expect(api.posts).toEqual([]);
  });

  it('posts a crash-left delivery that is not in the room', async () => {
    const d = delivery('r1', 'E1');
    await leftInFlight(d);
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.messagesIn(ROOM)).toHaveLength(1);
  });

  it('matches a body Chatwork stored with LF for CRLF and with its ends trimmed', async () => {
    const d = delivery('r1', 'E1', '  [To:2001]山田さん\r\nline two\r\n\n');
    await leftInFlight(d);
    api.seed(ROOM, d.body); // the fake stores it as Chatwork does
    expect(api.messagesIn(ROOM)[0]!.body).toBe('[To:2001]山田さん\nline two');
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled' });
    expect(api.posts).toEqual([]);
  });

  it('does not take a message with another body, or from another account', async () => {
    const d = delivery('r1', 'E1', 'the reminder');
    clock.advance(10 * 60_000);
    await leftInFlight(d);
    api.seed(ROOM, 'the reminder, edited');
    api.seed(ROOM, 'the reminder', { accountId: 4242 });
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.posts).toHaveLength(1);
  });

  it.each([
    ['minutes behind the host (the host clock runs ahead)', -10 * 60],
    ['hours ahead of the host (the host clock runs behind)', 3 * 3600],
  ])('takes its message whatever its send_time says: Chatwork %s', async (_, offsetS) => {
    const d = delivery('r1', 'E1', 'the reminder');
    await leftInFlight(d);
    const stored = api.seed(ROOM, 'the reminder', { sendTime: Math.floor(clock.now() / 1000) + offsetS });
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: stored.message_id });
    expect(api.posts).toHaveLength(0);
  });

  it('does not take a message another delivery already claimed, even with the same body', async () => {
    const body = 'same words for two reminders';
    const first = delivery('r1', 'E1', body);
    await send([first]);
    const second = delivery('r2', 'E1', body);
    await leftInFlight(second);
    const [outcome] = await send([second]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.messagesIn(ROOM)).toHaveLength(2);
    const ids = [(await store.deliveries.entry(first.key))!.messageId, (await store.deliveries.entry(second.key))!.messageId];
    expect(new Set(ids).size).toBe(2);
  });

  it('leaves a crash-left delivery in flight, unposted, when the room cannot be read', async () => {
    const d = delivery('r1', 'E1');
    await leftInFlight(d);
    api.failReads = 1;
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'ambiguous: could not read the room to reconcile' });
    expect(api.posts).toEqual([]);
    expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'in-flight' });
  });

  it('stops on an authentication failure while reading the room', async () => {
    const d = delivery('r1', 'E1');
    await leftInFlight(d);
    api.failReads = 1;
    api.readError = new AuthError('auth.needed');
    await expect(send([d])).rejects.toBeInstanceOf(AuthError);
    expect(api.posts).toEqual([]);
  });

  it('an ambiguous post that was stored: found in the room after a pause, never posted twice', async () => {
    const d = delivery('r1', 'E1');
    api.postFaults.push('stored-no-answer');
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: api.messagesIn(ROOM)[0]!.message_id });
    expect(api.messagesIn(ROOM)).toHaveLength(1);
    expect(clock.sleeps).toEqual([1000]);
    expect(await store.deliveries.entry(d.key)).toMatchObject({ status: 'sent' });
  });

  it('an ambiguous post that was lost: not in the room, so posted again, once', async () => {
    api.postFaults.push('lost-no-answer', 'lost-no-answer');
    const logged: string[] = [];
    const [outcome] = await send([delivery('r1', 'E1')], { log: (line) => logged.push(line) });
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'posted' });
    expect(api.posts).toHaveLength(3);
    expect(api.messagesIn(ROOM)).toHaveLength(1);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect(logged).toEqual([`ambiguous post to room ${ROOM}; reconciling`, `ambiguous post to room ${ROOM}; reconciling`]);
  });

  it('three ambiguous posts: failed, and left in flight for the next run to reconcile', async () => {
    api.postFaults.push('lost-no-answer', 'lost-no-answer', 'lost-no-answer', 'lost-no-answer');
    const [outcome] = await send([delivery('r1', 'E1')]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'ambiguous: no answer and not found in the room' });
    expect(api.posts).toHaveLength(3);
    expect(await store.deliveries.entry(pairKey('r1', 'E1'))).toMatchObject({ status: 'in-flight' });
  });

  it('an ambiguous post whose room cannot be read is failed, not posted again', async () => {
    api.postFaults.push('lost-no-answer');
    api.failReads = 1;
    const [outcome] = await send([delivery('r1', 'E1')]);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'ambiguous: could not read the room to reconcile' });
    expect(api.posts).toHaveLength(1);
  });

  it('an unanswered post finds an unclaimed message of ours with its body, however long before the intent: the person has it, so nothing is posted again', async () => {
    const d = delivery('r1', 'E1', 'body');
    const earlier = api.seed(ROOM, 'body', { sendTime: Math.floor(clock.now() / 1000) });
    clock.advance(200_000);
    api.postFaults.push('lost-no-answer');
    const [outcome] = await send([d]);
    expect(outcome).toMatchObject({ kind: 'delivered', how: 'reconciled', messageId: earlier.message_id });
    expect(api.messagesIn(ROOM)).toHaveLength(1);
  });
});

describe('send: many deliveries, many workers', () => {
  it('delivers each of 40 exactly once with four workers, under lost answers', async () => {
    const deliveries = Array.from({ length: 40 }, (_, i) => delivery(`r${i}`, 'E1', `reminder ${i}`));
    for (let i = 0; i < 10; i++) api.postFaults.push('stored-no-answer', 'lost-no-answer');
    let outcomes = await send(deliveries);
    // A delivery that drew three lost answers is failed and left in flight; the next runs finish it.
    for (let run = 0; run < 3 && outcomes.some((o) => o.kind !== 'delivered'); run++) {
      const again = new Set(outcomes.filter((o) => o.kind !== 'delivered').map((o) => o.delivery.key));
      outcomes = [...outcomes.filter((o) => o.kind === 'delivered'), ...await send(deliveries.filter((d) => again.has(d.key)))];
    }
    expect(outcomes.filter((o) => o.kind === 'delivered')).toHaveLength(40);
    const bodies = api.messagesIn(ROOM).map((m) => m.body).sort();
    expect(bodies).toEqual(deliveries.map((d) => d.body).sort());
  });

  it('a fatal error in one worker stops the others taking more', async () => {
    const deliveries = Array.from({ length: 10 }, (_, i) => delivery(`r${i}`, 'E1', `reminder ${i}`));
    api.postFaults.push(new AuthError('auth.needed'));
    await expect(send(deliveries, { concurrency: 2 })).rejects.toBeInstanceOf(AuthError);
    expect(api.posts.length).toBeLessThanOrEqual(2);
  });
});
