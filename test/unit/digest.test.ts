import { describe, expect, it } from 'vitest';
import { combineDigests, digestingRouter, type DigestOptions } from '../../src/delivery/digest.js';
import { DEFAULT_DIGEST_TEMPLATES, digestTemplateProblems } from '../../src/delivery/digest-template.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { routeOf } from '../../src/delivery/outbox.js';
import { MAX_BODY } from '../../src/delivery/notation.js';

const dm = (reminderId: string, userId: string, roomId: number, extra: Partial<Delivery> = {}): Delivery => ({
  key: `${reminderId}\u001f${userId}`, reminderId, type: 'survey', route: 'dm', roomId,
  recipients: [{ userId, accountId: roomId + 1, name: `name ${userId}` }], pairs: [[reminderId, userId]], body: `body ${reminderId}`, bodyHash: 'h', ...extra,
});
const items: Record<string, { type: 'survey' | 'update-survey'; title: string; due?: string; url?: string }> = {
  s1: { type: 'survey', title: 'Survey [toall]', due: '2026-12-11', url: 'https://x.example/s1' },
  u1: { type: 'update-survey', title: 'Update', due: '2026-12-09' },
};
const options: DigestOptions = { lang: 'en', template: DEFAULT_DIGEST_TEMPLATES.en, itemOf: (id) => items[id], bodies: true };

describe('combineDigests', () => {
  it('merges one direct chat\'s messages into one delivery with every pair, earliest due first, user text neutralised', () => {
    const out = combineDigests([dm('s1', 'a', 10), dm('u1', 'a', 10, { type: 'update-survey' }), dm('s1', 'b', 20)], options);
    expect(out).toHaveLength(2);
    const [digest, single] = out as [Delivery, Delivery];
    expect(digest.pairs).toEqual([['u1', 'a'], ['s1', 'a']]);
    expect(digest.recipients).toHaveLength(1);
    expect(digest.digest).toEqual(['u1', 's1']);
    expect(digest.body).toContain('[To:11]name a');
    expect(digest.body.indexOf('"Update"')).toBeLessThan(digest.body.indexOf('Survey ［toall］'));
    expect(digest.body).toContain('https://x.example/s1');
    expect(routeOf(digest)).toBe('dm');
    expect(single.key).toBe('s1\u001fb');
  });

  it('keys a digest by its pairs, whatever their order', () => {
    const one = combineDigests([dm('s1', 'a', 10), dm('u1', 'a', 10)], options)[0]!;
    const two = combineDigests([dm('u1', 'a', 10), dm('s1', 'a', 10)], options)[0]!;
    expect(one.key).toBe(two.key);
    expect(one.key).not.toBe(combineDigests([dm('s1', 'a', 10), dm('s2', 'a', 10)], options)[0]!.key);
  });

  it('never combines praise, tasks, group posts, held deliveries or different send-window batches', () => {
    const alone = [
      dm('p1', 'a', 10, { type: 'praise' }), dm('t1', 'a', 10, { kind: 'task' }), dm('r1', 'a', 10, { route: 'room' }),
      dm('o1', 'a', 10, { fromOutbox: true }), dm('s1', 'a', 10),
    ];
    expect(combineDigests(alone, options)).toEqual(alone);
    const batches = [dm('s1', 'a', 10), dm('u1', 'a', 10, { type: 'update-survey' })];
    expect(combineDigests(batches, { ...options, batchOf: (d) => d.type })).toEqual(batches);
  });

  it('leaves the reminders apart when the one message would be too long', () => {
    const long = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`s${i}`, { type: 'survey' as const, title: 'x'.repeat(2000) }]));
    const many = Array.from({ length: 40 }, (_, i) => dm(`s${i}`, 'a', 10));
    expect(40 * 2000).toBeGreaterThan(MAX_BODY);
    expect(combineDigests(many, { ...options, itemOf: (id) => long[id] })).toHaveLength(40);
  });

  it('the router passes the rest on at once and the combinable ones at the end', () => {
    const seen: string[] = [];
    const router = digestingRouter((d) => seen.push(d.key), options);
    router.route(dm('s1', 'a', 10));
    router.route(dm('p1', 'a', 10, { type: 'praise' }));
    router.route(dm('u1', 'a', 10));
    expect(seen).toEqual(['p1\u001fa']);
    router.finish();
    expect(seen).toHaveLength(2);
    expect(seen[1]).toContain('\u001fdigest:10\u001f');
  });
});

describe('digest template check', () => {
  it('accepts the built-in ones and names what is wrong in others', () => {
    for (const lang of ['ja', 'en'] as const) expect(digestTemplateProblems(DEFAULT_DIGEST_TEMPLATES[lang]).errors).toEqual([]);
    expect(digestTemplateProblems('{to}\n{title}\n{items}').errors.map((e) => e.key)).toEqual(['admin.templates.problem.placeholder']);
    expect(digestTemplateProblems('{to} hello').errors.map((e) => e.key)).toEqual(['digest.problem.noItems']);
    expect(digestTemplateProblems('[info]{items}').errors.map((e) => e.key)).toEqual(['admin.templates.problem.unclosed']);
  });
});

describe('recall of a digest', () => {
  it('leaves a message that also lists other reminders in place, saying why', async () => {
    const { planRecall } = await import('../../src/delivery/recall.js');
    const entry = { key: 's1\u001fdigest:10\u001fabc', roomId: 10, pairs: [['s1', 'a'], ['u1', 'a']] as [string, string][], bodyHash: 'h', intentAt: 1, status: 'sent' as const, at: 1, kind: 'message' as const, messageId: '5' };
    expect(planRecall([entry], 's1')).toMatchObject([{ action: 'skip', why: 'digest', users: ['a'] }]);
  });
});
