import { describe, expect, it } from 'vitest';
import { checkPairs } from '../../scripts/chaos/check.mjs';

// The chaos run's judge (scripts/chaos/check.mjs): what counts as reaching a person, and each rule.
const OPERATOR = 1_000_001;
const from = (id: number) => ({ account_id: id, name: '', avatar_image_url: '' });
const dmRoom = (roomId: number, person: number, bodies: string[]) => ({
  room_id: roomId, name: '', type: 'direct', members: [{ account_id: OPERATOR }, { account_id: person }],
  messages: bodies.map((body, i) => ({ message_id: `${roomId}${i}`, account: from(OPERATOR), body, send_time: 0, update_time: 0 })), tasks: [],
});
const people = [{ userId: 'P1', accountId: 1 }, { userId: 'P2', accountId: 2 }, { userId: 'P3', accountId: 3 }];
const delivered = (reminderId: string, userId: string, messageId: string | null = null) => ({ reminderId, userId, status: 'delivered', messageId });
const rules = (violations: { rule: string; userId: string }[]) => violations.map((v) => `${v.userId} ${v.rule}`);

describe('chaos invariants', () => {
  it('a DM, a mention of a member and an assigned task each reach once; two of them reach twice', () => {
    const group = {
      room_id: 50, name: 'g', type: 'group', members: [{ account_id: OPERATOR }, { account_id: 2 }, { account_id: 3 }],
      // P1 is mentioned but not a member: reached by nothing here.
      messages: [{ message_id: '500', account: from(OPERATOR), body: '[To:1][To:2] survey k1c1r1', send_time: 0, update_time: 0 }],
      tasks: [{ task_id: 9, message_id: '501', account: { account_id: 3, name: '' }, assigned_by_account: { account_id: OPERATOR, name: '' }, body: 'k1c1r1' }],
    };
    const rooms = [dmRoom(10, 1, ['k1c1r1 please', 'k1c1r10 another reminder']), group];
    const history = [delivered('k1c1r1', 'P1', '100'), delivered('k1c1r1', 'P2', '500'), delivered('k1c1r1', 'P3', 'task:9')];
    expect(checkPairs({ pairs: new Map([['k1c1r1', new Set(['P1', 'P2', 'P3'])]]), people, rooms, history })).toEqual([]);
    // P3 also gets the mention: the task and the post both reach them.
    group.messages[0]!.body += ' [To:3]';
    expect(rules(checkPairs({ pairs: new Map([['k1c1r1', new Set(['P3'])]]), people, rooms, history }))).toEqual(['P3 a: reached more than once']);
  });

  it('(b) both ways, the recorded message must be one that reaches them, and a pair left with neither is lost', () => {
    const rooms = [dmRoom(10, 1, ['k1c1r1']), dmRoom(20, 2, [])];
    const pairs = new Map([['k1c1r1', new Set(['P1', 'P2', 'P3'])]]);
    const history = [
      { reminderId: 'k1c1r1', userId: 'P1', status: 'in-flight', messageId: null },
      delivered('k1c1r1', 'P2', '999'),
      // Newest first: P3's current state is "failed", an older row said delivered.
      { reminderId: 'k1c1r1', userId: 'P3', status: 'failed', messageId: null }, delivered('k1c1r1', 'P3'),
    ];
    expect(rules(checkPairs({ pairs, people, rooms, history }))).toEqual([
      'P1 b: reached, not recorded delivered', 'P2 b: recorded delivered, not reached', 'P3 lost: neither reached nor delivered after the clean run',
    ]);
    const wrong = checkPairs({ pairs: new Map([['k1c1r1', new Set(['P1'])]]), people, rooms, history: [delivered('k1c1r1', 'P1', '777')] });
    expect(rules(wrong)).toEqual(['P1 b: the recorded message does not reach them']);
  });
});
