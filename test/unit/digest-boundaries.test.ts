import { describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import { combineDigests, digestingRouter, type DigestOptions } from '../../src/delivery/digest.js';
import {
  checkDigestTemplate, DEFAULT_DIGEST_TEMPLATES, digestTemplateFor, digestTemplateProblems, renderDigest, renderItem, type DigestItem,
} from '../../src/delivery/digest-template.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import type { Delivery } from '../../src/delivery/plan.js';
import { UsageError } from '../../src/errors/index.js';

/**
 * The digest on its boundaries: exactly what may be combined is, and each thing that must go
 * alone (praise, a task, a group post, a manager's escalation, a delivery the outbox held for
 * someone's leave or send_at, a too-long or split one) stays alone even beside one that could
 * be combined. A body of exactly 65,535 characters is one message; one more and they go apart.
 */
const dm = (reminderId: string, userId: string, roomId: number, extra: Partial<Delivery> = {}): Delivery => ({
  key: `${reminderId}\u001f${userId}`, reminderId, type: 'survey', route: 'dm', roomId,
  recipients: [{ userId, accountId: roomId + 1, name: `name ${userId}` }], pairs: [[reminderId, userId]], body: `body ${reminderId}`, bodyHash: 'h', ...extra,
});
const items: Record<string, DigestItem> = {
  s1: { type: 'survey', title: 'Survey one', due: '2026-12-11' },
  s2: { type: 'survey', title: 'Survey two', due: '2026-12-11' },
  u1: { type: 'update-survey', title: 'Update', due: '2026-12-09' },
  n1: { type: 'survey', title: 'Undated' },
};
const options: DigestOptions = { lang: 'en', template: '{to}\n{count}:{items}', itemOf: (id) => items[id], bodies: true };

describe('what a digest never combines', () => {
  const partner = dm('s1', 'a', 10);
  const alone: [string, Delivery][] = [
    ['praise', dm('p1', 'a', 10, { type: 'praise' })],
    ['a task', dm('t1', 'a', 10, { kind: 'task' })],
    ['a group chat post', dm('g1', 'a', 10, { route: 'room' })],
    ['a manager\'s escalation', dm('s2', 'a', 10, { pairs: [['s2', 'a', 'manager']] })],
    ['a delivery held for leave or send_at (from the outbox)', dm('s2', 'a', 10, { fromOutbox: true })],
    ['a body already too long', dm('s2', 'a', 10, { tooLong: { length: MAX_BODY + 1 } })],
    ['one part of a split post', dm('s2', 'a', 10, { part: { index: 1, count: 2 } })],
    ['a delivery for two people', dm('s2', 'a', 10, { pairs: [['s2', 'a'], ['s2', 'b']] })],
    ['a delivery naming two recipients', dm('s2', 'a', 10, { recipients: [{ userId: 'a', accountId: 11, name: 'a' }, { userId: 'b', accountId: 12, name: 'b' }] })],
    ['a second part of a manager\'s list (no pairs)', dm('s2', 'a', 10, { pairs: [] })],
  ];

  it.each(alone)('%s: left as it was, beside a reminder it could otherwise join', (_what, delivery) => {
    expect(combineDigests([partner, delivery], options)).toEqual([partner, delivery]);
    expect(combineDigests([delivery, partner], options)).toEqual([delivery, partner]);
  });

  it('the same reminders as plain messages to one direct chat are one message', () => {
    expect(combineDigests([partner, dm('s2', 'a', 10)], options)).toMatchObject([{ digest: ['s1', 's2'] }]);
    // A follow-up round joins a first message too: each is a reminder of the person's own.
    expect(combineDigests([partner, dm('s2', 'a', 10, { pairs: [['s2', 'a', 'd1']] })], options)).toMatchObject([{ digest: ['s1', 's2'], pairs: [['s1', 'a'], ['s2', 'a', 'd1']] }]);
    // A message is a message whether or not it says so.
    expect(combineDigests([partner, dm('s2', 'a', 10, { kind: 'message' })], options)).toHaveLength(1);
  });

  it('a single reminder is never a digest, and two direct chats are two', () => {
    expect(combineDigests([partner], options)).toEqual([partner]);
    const other = dm('s2', 'b', 20);
    expect(combineDigests([partner, other], options)).toEqual([partner, other]);
  });
});

describe('the digest message', () => {
  it('lists the earliest due first, the same day by reminder id, undated last; sits where its first reminder was', () => {
    const praise = dm('p1', 'a', 10, { type: 'praise' });
    const out = combineDigests([dm('n1', 'a', 10), praise, dm('s2', 'a', 10), dm('s1', 'a', 10), dm('u1', 'a', 10, { type: 'update-survey' })], options);
    expect(out).toHaveLength(2);
    const [digest] = out as [Delivery];
    expect(out[1]).toBe(praise);
    expect(digest.digest).toEqual(['u1', 's1', 's2', 'n1']);
    expect(digest.reminderId).toBe('u1');
    expect(digest.type).toBe('update-survey');
    expect(digest.pairs).toEqual([['u1', 'a'], ['s1', 'a'], ['s2', 'a'], ['n1', 'a']]);
    expect(digest.recipients).toEqual([{ userId: 'a', accountId: 11, name: 'name a' }]);
    expect([digest.route, digest.roomId]).toEqual(['dm', 10]);
    expect(digest.key).toMatch(/^u1\u001fdigest:10\u001f[0-9a-f]{16}$/);
    expect(digest.body).toBe(`[To:11]name a\n4:${['Update: "Update"\nDue: Wed, Dec 9, 2026', 'Survey: "Survey one"\nDue: Fri, Dec 11, 2026',
      'Survey: "Survey two"\nDue: Fri, Dec 11, 2026', 'Survey: "Undated"\nDue: none'].join('[hr]')}`);
    expect(digest.bodyHash).toBe(hashBody(digest.body));
    expect(digest).not.toHaveProperty('kind');
  });

  it('an undated reminder goes last whatever its id (one that starts with a digit, too)', () => {
    const undatedFirst: Record<string, DigestItem> = { ...items, '0 undated': { type: 'survey', title: 'U' } };
    const out = combineDigests([dm('0 undated', 'a', 10), dm('s1', 'a', 10)], { ...options, itemOf: (id) => undatedFirst[id] });
    expect(out[0]!.digest).toEqual(['s1', '0 undated']);
  });

  it('in Japanese, mentions the person with さん; trims the template\'s edges; a reminder the input no longer describes is listed by its kind', () => {
    const ja = combineDigests([dm('s1', 'a', 10), dm('gone', 'a', 10)], { ...options, lang: 'ja', template: '  {to}|{items}\n ' })[0]!;
    expect(ja.body).toBe('[To:11]name aさん|サーベイ「Survey one」\n回答期限: 2026年12月11日（金）[hr]サーベイ「」\n回答期限: 指定なし');
  });

  it('its key is its first reminder, its room and every pair it covers: two digests that differ in one reminder differ', () => {
    const one = combineDigests([dm('s1', 'a', 10), dm('s2', 'a', 10)], options)[0]!;
    const two = combineDigests([dm('s1', 'a', 10), dm('n1', 'a', 10)], options)[0]!;
    expect([one.reminderId, two.reminderId]).toEqual(['s1', 's1']);
    expect(one.key).not.toBe(two.key);
  });

  it('a dry run without text keeps neither body nor hash, but the same key', () => {
    const shown = combineDigests([dm('s1', 'a', 10), dm('s2', 'a', 10)], options)[0]!;
    const hidden = combineDigests([dm('s1', 'a', 10), dm('s2', 'a', 10)], { ...options, bodies: false })[0]!;
    expect([hidden.body, hidden.bodyHash]).toEqual(['', '']);
    expect(hidden.key).toBe(shown.key);
  });

  it('a body of exactly 65,535 characters is one message; one character more and the reminders go one by one', () => {
    const sized = (extra: number) => {
      const titled: Record<string, DigestItem> = { ...items, s1: { ...items.s1!, title: 'x'.repeat(extra) } };
      return combineDigests([dm('s1', 'a', 10), dm('s2', 'a', 10)], { ...options, itemOf: (id) => titled[id] });
    };
    const base = sized(0)[0]!.body.length;
    const fits = sized(MAX_BODY - base);
    expect(fits).toHaveLength(1);
    expect(fits[0]!.body).toHaveLength(MAX_BODY);
    expect(sized(MAX_BODY - base + 1)).toHaveLength(2);
  });

  it('keeps apart what the send window treats differently, and combines within each batch', () => {
    const out = combineDigests([dm('s1', 'a', 10), dm('u1', 'a', 10, { type: 'update-survey' }), dm('s2', 'a', 10), dm('n1', 'a', 10, { type: 'update-survey' })],
      { ...options, batchOf: (d) => d.type });
    expect(out.map((d) => d.digest)).toEqual([['s1', 's2'], ['u1', 'n1']]);
  });
});

describe('the digesting router', () => {
  it('passes what it may not combine on at once, the rest merged at the end, once', () => {
    const seen: Delivery[] = [];
    const router = digestingRouter((d) => seen.push(d), options);
    const escalation = dm('s9', 'a', 10, { pairs: [['s9', 'a', 'manager']] });
    router.route(dm('s1', 'a', 10));
    router.route(escalation);
    router.route(dm('s2', 'a', 10));
    router.route(dm('u1', 'b', 20));
    expect(seen).toEqual([escalation]);
    router.finish();
    expect(seen.map((d) => d.digest ?? d.key)).toEqual(['s9\u001fa', ['s1', 's2'], 'u1\u001fb']);
    router.finish();
    expect(seen).toHaveLength(3);
  });
});

describe('digest items and templates', () => {
  it('an item names the kind, the title (neutralised), the due date, and the link when there is one', () => {
    expect(renderItem({ type: 'update-survey', title: 'Q4 [toall]', due: '2026-12-04', url: 'https://x.example/[info]' }, 'ja'))
      .toBe('アップデートサーベイ「Q4 ［toall］」\n回答期限: 2026年12月4日（金）\nhttps://x.example/［info］');
    expect(renderItem({ type: 'survey', title: 'Q4' }, 'en')).toBe('Survey: "Q4"\nDue: none');
    expect(renderItem({ type: 'praise', title: 'Well done', url: '' }, 'en')).toBe(': "Well done"\nDue: none');
  });

  it('fills {to} {count} {items}, leaves any other braces as written', () => {
    expect(renderDigest('{to} {count} {items} {title} {}', { to: 'T', count: 2, items: ['a', 'b'] })).toBe('T 2 a[hr]b {title} {}');
  });

  it('the stored template of the message language, else the built-in one', () => {
    expect(digestTemplateFor({ digest: { templates: { ja: '{to}{items}' } } }, 'ja')).toBe('{to}{items}');
    expect(digestTemplateFor({ digest: { templates: { ja: '{to}{items}' } } }, 'en')).toBe(DEFAULT_DIGEST_TEMPLATES.en);
    expect(digestTemplateFor({}, 'ja')).toBe(DEFAULT_DIGEST_TEMPLATES.ja);
  });

  it('names an unknown placeholder with its line and the valid ones; {count} and {items} are no problem', () => {
    expect(digestTemplateProblems('{to}\n{count}\n{items}')).toEqual({ errors: [], warnings: [] });
    expect(digestTemplateProblems('{to}\n\n{title}\n{items}').errors).toEqual([
      { key: 'admin.templates.problem.placeholder', params: { line: 3, name: '{title}', known: '{to} {count} {items}' } },
    ]);
    expect(digestTemplateProblems('Hi {count}{items}').warnings.map((w) => w.key)).toEqual(['admin.templates.warn.noTo']);
  });

  it('a template with text but no {items} lists nothing and is refused; an empty one is refused as empty only', () => {
    expect(digestTemplateProblems('{to} {count}').errors.map((e) => e.key)).toEqual(['digest.problem.noItems']);
    expect(digestTemplateProblems('  \n').errors.map((e) => e.key)).toEqual(['admin.templates.problem.empty']);
  });

  it('at send time a stored template that is not valid stops the run, naming the language', () => {
    expect(() => checkDigestTemplate(DEFAULT_DIGEST_TEMPLATES.ja, 'ja')).not.toThrow();
    const error = (() => { try { checkDigestTemplate('{to} {nobody} {items}', 'en'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ key: 'digest.invalidStored', params: { lang: 'en' } });
  });
});
