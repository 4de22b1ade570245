import { describe, expect, it } from 'vitest';
import { planRecall } from '../../src/delivery/recall.js';
import type { DeliveryEntry } from '../../src/store/store.js';

const entry = (key: string, users: string[], extra: Partial<DeliveryEntry> = {}): DeliveryEntry => ({
  key, roomId: 100, pairs: users.map((u) => ['r1', u] as [string, string]), bodyHash: 'h', intentAt: 0, status: 'sent', at: 0,
  kind: 'message', messageId: `m-${key}`, ...extra,
});

describe('what recall does with each delivery', () => {
  it('deletes messages, closes tasks, withdraws what never went out, and leaves what it cannot with the reason', () => {
    const items = planRecall([
      entry('a', ['u1']),
      entry('b', ['u2'], { kind: 'task', messageId: undefined, taskIds: ['7'] }),
      entry('c', ['u3'], { status: 'deferred', messageId: undefined }),
      entry('d', ['u4'], { status: 'failed', messageId: undefined }),
      entry('e', ['u5'], { status: 'in-flight', messageId: undefined }),
      entry('f', ['u6'], { recall: { state: 'recalled', at: 1 } }),
      // A recall interrupted by a crash: done again (the message is looked for first).
      entry('g', ['u7'], { recall: { state: 'in-flight', at: 1 } }),
    ], 'r1');
    expect(items.map((i) => `${i.entry.key}:${i.action}${i.why ? `:${i.why}` : ''}`)).toEqual([
      'a:delete', 'b:close', 'c:cancel', 'd:cancel', 'e:skip:in-flight', 'f:already', 'g:delete',
    ]);
  });

  it('one group chat message for several people is recalled for all of them or not at all', () => {
    const room = entry('room', ['u1', 'u2', 'u3']);
    expect(planRecall([room], 'r1', new Set(['u2']))).toEqual([{ entry: room, users: ['u2'], action: 'skip', why: 'shared', others: ['u1', 'u3'] }]);
    expect(planRecall([room], 'r1', new Set(['u1', 'u2', 'u3']))[0]!.action).toBe('delete');
    expect(planRecall([room], 'r1', new Set(['someone-else']))).toEqual([]);
  });
});
