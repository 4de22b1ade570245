import { describe, expect, it } from 'vitest';
import { MAX_BODY, mention } from '../../src/delivery/notation.js';
import { planDeliveries, type PlanView } from '../../src/delivery/plan.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import { DEFAULT_TEMPLATES, formatDue, render } from '../../src/delivery/templates.js';
import type { HiManagerUser, Link } from '../../src/domain.js';

/**
 * A group post's budget, to the character: two people whose names are long enough that their
 * mentions alone nearly fill a message. Few people, so each case is planned inside its test.
 */
const ROOM = 77;
const TITLE = 'Q4 survey';
const URL = 'https://example.com/s';
const DUE = '2026-12-04';
const A = 3_000_001;
const B = 3_000_002;

/** The default template with {to} empty: what every post carries besides its mentions. */
const FIXED = render(DEFAULT_TEMPLATES.survey.ja, { to: '', title: `${TITLE}`, due: formatDue(DUE, 'ja'), url: URL, from: '', message: '' }).length;

/** Two people whose mentions, joined by a line break, take `joined` characters. */
function pair(joined: number) {
  const first = '長'.repeat(30_000);
  const base = mention(B, '', 'さん').length;
  const second = '短'.repeat(joined - mention(A, first, 'さん').length - 1 - base);
  const users = new Map<string, HiManagerUser>([
    ['E1', { id: 'E1', name: first, email: 'e1@example.com' }],
    ['E2', { id: 'E2', name: second, email: 'e2@example.com' }],
  ]);
  const links = new Map<string, Link>([
    ['E1', { accountId: A, source: 'manual', linkedAt: '2026-11-24T00:00:00Z' }],
    ['E2', { accountId: B, source: 'manual', linkedAt: '2026-11-24T00:00:00Z' }],
  ]);
  const chats = new Map([[A, { roomId: 1, name: 'a' }], [B, { roomId: 2, name: 'b' }]]);
  const view = (extra: Partial<PlanView> = {}): PlanView => ({
    users, links, destinations: { survey: `room:${ROOM}` }, templates: {}, pairStates: new Map(), ...extra,
  });
  const reminder: Reminder = { id: 's1', type: 'survey', to: ['E1', 'E2'], unknownRecipients: [], title: TITLE, due: DUE, url: URL, record: 1, line: 1 };
  return { plan: (extra: Partial<PlanView> = {}) => planDeliveries([reminder], view(extra), chats, 'ja').deliveries };
}

describe('a group post at the edge of 65,535 characters', () => {
  it('is one post when its mentions fill it exactly: 65,535 characters, not too long, no part number', () => {
    const posts = pair(MAX_BODY - FIXED).plan();
    expect(posts).toHaveLength(1);
    const [only] = posts;
    expect(only!.body).toHaveLength(MAX_BODY);
    expect(only!.tooLong).toBeUndefined();
    expect(only!.part).toBeUndefined();
    expect(only!.recipients.map((r) => r.userId)).toEqual(['E1', 'E2']);
  });

  it('one character more: two posts, each mentioning one person, numbered 1 of 2 and 2 of 2', () => {
    const posts = pair(MAX_BODY - FIXED + 1).plan();
    expect(posts.map((p) => [p.recipients.map((r) => r.userId), p.part, p.tooLong])).toEqual([
      [['E1'], { index: 1, count: 2 }, undefined],
      [['E2'], { index: 2, count: 2 }, undefined],
    ]);
    for (const post of posts) expect(post.body.length).toBeLessThan(MAX_BODY);
  });

  it('as a task it is one, assigned to both: a task mentions nobody, so no mention has to fit', () => {
    const tasks = pair(MAX_BODY - FIXED + 1).plan({ deliverAs: { survey: 'task' } });
    expect(tasks).toHaveLength(1);
    const [task] = tasks;
    expect(task).toMatchObject({ kind: 'task', route: 'room', roomId: ROOM });
    expect(task!.recipients.map((r) => r.userId)).toEqual(['E1', 'E2']);
    expect(task!.part).toBeUndefined();
    expect(task!.body).not.toContain('[To:');
  });
});
