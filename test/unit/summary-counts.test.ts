import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps/deps.js';
import type { Outcome } from '../../src/delivery/send.js';
import type { Verdict } from '../../src/delivery/exit-policy.js';
import type { Deferral } from '../../src/commands/send-reminders/dry-run-report.js';
import { summarize } from '../../src/commands/send-reminders/run-summary.js';
import { createTranslator, type Lang } from '../../src/i18n/translate.js';

// Counts that add up: 件 counts messages; where a group chat post carries several people the
// people are counted too (保留19件（18人）... or here 保留19件（23人）), never a 件 that names people.
const person = (n: number) => ({ userId: `E${String(n).padStart(4, '0')}`, name: `社員${n}` });
const dm = (n: number) => ({ reminderId: 's1', type: 'survey', route: 'dm', roomId: 100 + n, recipients: [person(n)] });
/** One group chat post for six people, and 18 direct chats (one of them to a person also in the post). */
const groupPost = { reminderId: 's1', type: 'survey', route: 'room', roomId: 9, recipients: [1, 19, 20, 21, 22, 23].map(person) };
const deferrals = [groupPost, ...Array.from({ length: 18 }, (_, i) => dm(i + 1))].map((delivery) => ({ delivery, until: Date.parse('2026-11-26T09:00:00+09:00') })) as unknown as Deferral[];
const delivered = [{ kind: 'delivered', delivery: dm(30), messageId: '1', how: 'posted' }] as unknown as Outcome[];

function summary(lang: Lang): string {
  const lines: string[] = [];
  const deps = { io: { err: (line: string) => lines.push(line), json: () => {} }, t: createTranslator(lang) } as unknown as Deps;
  summarize(deps, { outcomes: delivered, deferrals, skips: [], json: false, elapsedMs: 0, client: {}, users: new Map(), verdict: { exitCode: 0, newSkips: [] } as unknown as Verdict, meta: {} });
  return lines.join('\n');
}

describe('the summary of a run counts messages and, when they differ, people', () => {
  it('a group post holding several people: held 19 messages for 23 people', () => {
    const ja = summary('ja');
    expect(ja).toContain('送信済み1件、保留19件（23人）、スキップ0件、失敗0件。');
    expect(ja).toMatch(/保留（送信時間帯まで、[^）]+）: 19件（23人） — /);
    expect(summary('en')).toContain('Sent 1, on hold 19 (23 people), skipped 0, failed 0.');
  });

  it('says only 件 when every message is one person', () => {
    const lines: string[] = [];
    const deps = { io: { err: (line: string) => lines.push(line), json: () => {} }, t: createTranslator('ja') } as unknown as Deps;
    summarize(deps, { outcomes: delivered, deferrals: deferrals.slice(1), skips: [], json: false, elapsedMs: 0, client: {}, users: new Map(), verdict: { exitCode: 0, newSkips: [] } as unknown as Verdict, meta: {} });
    expect(lines[0]).toBe('送信済み1件、保留18件、スキップ0件、失敗0件。');
  });
});
