import { describe, expect, it } from 'vitest';
import { choiceFromForm, destinationRows, roomChoices, rowVersion } from '../../../src/console/data/destinations.js';
import { drawnBlocks } from '../../../src/console/data/drawn-message.js';
import { templateEditor, textVersion } from '../../../src/console/data/templates.js';
import { deliveriesPerPeriod, outcomesByReminder } from '../../../src/console/data/deliveries.js';
import { chartLayout } from '../../../src/console/data/chart.js';
import { byConcern, safeFixes } from '../../../src/console/data/diagnosis.js';
import { countsOf, lastSendRun } from '../../../src/console/data/operations.js';
import { requestRows, invitePlan } from '../../../src/console/data/invitations.js';
import { UsageError } from '../../../src/errors/index.js';
import { createTranslator } from '../../../src/i18n/translate.js';
import type { Room } from '../../../src/chatwork/types.js';
import type { HistoryRow, ListedRun } from '../../../src/store/store.js';

const t = createTranslator('ja');
const room = (room_id: number, name: string, extra: Partial<Room> = {}): Room => ({ room_id, name, type: 'group', role: 'member', ...extra });

describe('送信先 data', () => {
  it('reads each type as the page shows it, with the room named and the CLI defaults', () => {
    const rows = destinationRows({ praise: 'dm', survey: 'room:7' }, { deliverAs: { survey: 'task' }, nonMembers: { survey: 'dm' } }, [room(7, '人事部')]);
    expect(rows).toEqual([
      { type: 'praise', kind: 'dm', deliverAs: 'message', nonMembers: 'skip' },
      { type: 'survey', kind: 'room', roomId: 7, roomName: '人事部', deliverAs: 'task', nonMembers: 'dm' },
      { type: 'update-survey', kind: 'unset', deliverAs: 'message', nonMembers: 'skip' },
    ]);
    expect(destinationRows({ survey: 'room:8' }, {}, [])[1]).toEqual({ type: 'survey', kind: 'room', roomId: 8, deliverAs: 'message', nonMembers: 'skip' });
  });

  it('gives a row a version that changes with any of its settings, and only with them', () => {
    const [row] = destinationRows({ praise: 'room:7' }, {}, [room(7, 'a')]);
    const [renamed] = destinationRows({ praise: 'room:7' }, {}, [room(7, 'b')]);
    expect(rowVersion(renamed!)).toBe(rowVersion(row!));
    for (const other of [destinationRows({ praise: 'room:8' }, {}, []), destinationRows({ praise: 'room:7' }, { deliverAs: { praise: 'task' } }, []),
      destinationRows({ praise: 'room:7' }, { nonMembers: { praise: 'dm' } }, []), destinationRows({ praise: 'dm' }, {}, [])]) {
      expect(rowVersion(other[0]!)).not.toBe(rowVersion(row!));
    }
    expect(textVersion('a')).not.toBe(textVersion('b'));
    expect(textVersion('a')).toBe(textVersion('a'));
  });

  it('offers only group chats the account may post in, by name', () => {
    const choices = roomChoices([room(3, 'b'), room(1, 'a'), room(2, 'ro', { role: 'readonly' }), room(4, 'me', { type: 'my' }), room(5, 'dm', { type: 'direct' })]);
    expect(choices).toEqual([{ roomId: 1, name: 'a' }, { roomId: 3, name: 'b' }]);
  });

  it('turns the form into what destinations set takes, and refuses anything else', () => {
    expect(choiceFromForm('survey', new URLSearchParams('kind=room&room=12&as=task&nonMembers=dm'))).toEqual({ type: 'survey', destination: 'room:12', as: 'task', nonMembers: 'dm' });
    expect(choiceFromForm('praise', new URLSearchParams('kind=dm&as=message&nonMembers=dm'))).toEqual({ type: 'praise', destination: 'dm', as: 'message' });
    expect(() => choiceFromForm('praise', new URLSearchParams('kind=room&room=abc'))).toThrow(UsageError);
    expect(() => choiceFromForm('praise', new URLSearchParams('kind=everyone'))).toThrow(UsageError);
  });
});

describe('テンプレート data', () => {
  it('draws info boxes with their title, mentions as chips, rules, and keeps neutralised text as text', () => {
    const blocks = drawnBlocks('[To:1]山田さん\n[info][title]件名[/title]本文［toall］<script>[hr]下[/info]');
    expect(blocks).toEqual([
      { kind: 'line', parts: [{ chip: 'to' }, { text: '山田さん' }] },
      { kind: 'info', title: [{ text: '件名' }], body: [{ kind: 'line', parts: [{ text: '本文［toall］<script>' }] }, { kind: 'hr' }, { kind: 'line', parts: [{ text: '下' }] }] },
    ]);
    expect(drawnBlocks('[qt]引用[/qt][code][To:1][/code]')).toEqual([
      { kind: 'quote', body: [{ kind: 'line', parts: [{ text: '引用' }] }] }, { kind: 'code', text: '[To:1]' },
    ]);
  });

  it('checks a draft with the CLI checks and previews it only when it has no error', () => {
    const broken = templateEditor({ templates: {} }, 'survey', 'ja', '2026-12-11', '{to}\n[info]{titel}');
    expect(broken.source).toBe('builtin');
    expect(broken.errors.map((e) => e.key)).toEqual(['admin.templates.problem.placeholder', 'admin.templates.problem.unclosed']);
    expect(broken.preview).toBeUndefined();
    const fixed = templateEditor({ templates: { survey: { ja: 'x' } } }, 'survey', 'ja', '2026-12-11', '{to}\r\n[info]{title}[/info]');
    expect(fixed.source).toBe('custom');
    expect(fixed.text).toBe('{to}\n[info]{title}[/info]');
    expect(fixed.errors).toEqual([]);
    expect(fixed.preview![0]).toEqual({ kind: 'line', parts: [{ chip: 'to' }, { text: expect.stringContaining('さん') as string }] });
    expect(fixed.preview![1]!.kind).toBe('info');
    // Without {to} the CLI warns, and the preview still shows.
    const warned = templateEditor({ templates: {} }, 'praise', 'en', '2026-12-11', 'hello {from}');
    expect(warned.warnings.map((w) => w.key)).toEqual(['admin.templates.warn.noTo']);
    expect(warned.preview).toBeDefined();
  });
});

const row = (at: number, reminderId: string, userId: string, status: HistoryRow['status'], reason?: string): HistoryRow =>
  ({ at, reminderId, userId, status, type: 'survey', ...(reason ? { reason } : {}) });

describe('配信状況 data', () => {
  const day = Date.UTC(2026, 11, 4, 3); // 2026-12-04 12:00 in Tokyo
  const rows = [
    row(day, 'r1', 'E1', 'delivered'), row(day, 'r1', 'E2', 'skipped', 'unlinked'), row(day, 'r1', 'E3', 'skipped', 'unlinked'),
    row(day, 'r1', 'E4', 'skipped', 'off'), row(day, 'r1', 'E5', 'deferred'), row(day, 'r1', 'E6', 'failed', 'HTTP 500'),
    row(day - 86_400_000, 'r0', 'E1', 'delivered'), row(day - 86_400_000, 'r0', 'E2', 'recalled'),
  ];

  it('counts each reminder as delivered / held / skipped by reason / failed, newest first', () => {
    const [r1, r0] = outcomesByReminder(rows);
    expect(r1).toMatchObject({ reminderId: 'r1', delivered: 1, held: 1, failed: 1, skipped: 3, people: 6, skipReasons: [['unlinked', 2], ['off', 1]] });
    expect(r0).toMatchObject({ reminderId: 'r0', delivered: 1, other: { recalled: 1 }, people: 2 });
  });

  it('buckets deliveries by day in the time zone, with empty days present, and by week from Monday', () => {
    const late = Date.UTC(2026, 11, 4, 16); // 12-05 01:00 in Tokyo, still 12-04 in UTC
    const points = deliveriesPerPeriod([...rows, row(late, 'r2', 'E9', 'delivered')], late, 'Asia/Tokyo', 'day', 4);
    expect(points).toEqual([
      { label: '2026-12-02', delivered: 0, failed: 0 }, { label: '2026-12-03', delivered: 1, failed: 0 },
      { label: '2026-12-04', delivered: 1, failed: 1 }, { label: '2026-12-05', delivered: 1, failed: 0 },
    ]);
    const weeks = deliveriesPerPeriod(rows, day, 'Asia/Tokyo', 'week', 2);
    expect(weeks).toEqual([{ label: '2026-11-23', delivered: 0, failed: 0 }, { label: '2026-11-30', delivered: 2, failed: 1 }]);
  });

  it('scales bars to the tallest period', () => {
    const layout = chartLayout([{ label: 'a', delivered: 4, failed: 0 }, { label: 'b', delivered: 1, failed: 1 }]);
    expect(layout.max).toBe(4);
    const [a, b] = layout.bars;
    expect(a!.delivered.height).toBeCloseTo(2 * b!.delivered.height * 2);
    expect(b!.failed.y + b!.failed.height).toBeCloseTo(b!.delivered.y);
    expect(a!.delivered.y + a!.delivered.height).toBeCloseTo(layout.height - 24);
  });
});

describe('招待・承認 data', () => {
  const users = [{ id: 'E1', name: '田中 太郎', email: 'tanaka@example.jp' }, { id: 'E2', name: '佐藤 花子', email: 'sato@example.jp' }];
  const request = (request_id: number, name: string, organization_id: number) => ({
    request_id, account_id: 9000 + request_id, message: '', name, chatwork_id: `cw${request_id}`, organization_id, organization_name: `<b>org</b>[toall]`, department: '',
  });

  it('matches requests to directory users under the trust rules: another organisation is never matched alone', () => {
    const rows = requestRows({ users, links: {} }, { organization_id: 1 }, [], [request(1, '田中 太郎', 1), request(2, '佐藤 花子', 2), request(3, '誰か', 1)], [], t);
    expect(rows.map((r) => [r.requestId, r.user?.id ?? null, r.verdict])).toEqual([[1, 'E1', 'own'], [2, null, 'other'], [3, null, 'own']]);
    expect(rows[1]!.organization.org).toBe('<b>org</b>［toall］');
    expect(rows[1]!.why).toContain('別の組織');
  });

  it('lists the people no contact can reach and the invitation text of invite', async () => {
    const me = { account_id: 1, room_id: 1, name: '通知[To:1]', chatwork_id: 'hm-notice', organization_id: 1 };
    const contacts = [{ account_id: 5, room_id: 50, name: '田中 太郎', chatwork_id: 'tanaka', organization_id: 1, organization_name: 'x', department: '' }];
    const plan = await invitePlan({ users, links: {}, destinations: {}, messageLang: 'ja' }, me, contacts);
    expect(plan.people.map((u) => u.id)).toEqual(['E2']);
    expect(plan.text).toContain('hm-notice');
    expect(plan.text).toContain('通知［To:1］');
    expect((await invitePlan({ users, links: {}, destinations: {}, messageLang: 'ja' }, { ...me, chatwork_id: '' }, contacts)).noChatworkId).toBe(true);
  });
});

describe('診断 and 運用 data', () => {
  it('offers an unlink for a removed contact and a re-pick for a room that is gone, nothing else', () => {
    const settings = {
      users: [{ id: 'E1', name: 'A', email: 'a@x' }, { id: 'E2', name: 'B', email: 'b@x' }],
      links: { E1: { accountId: 11, source: 'auto' as const, linkedAt: '' }, E2: { accountId: 12, source: 'auto' as const, linkedAt: '' } },
      destinations: { praise: 'room:5', survey: 'room:6', 'update-survey': 'dm' },
    };
    const contacts = [{ account_id: 12, room_id: 1, name: 'B', chatwork_id: '', organization_id: 1, organization_name: '', department: '' }];
    expect(safeFixes(settings, contacts, [{ room_id: 6 }])).toEqual({ unlink: [{ userId: 'E1', name: 'A', accountId: 11 }], repick: [{ type: 'praise', roomId: 5 }] });
    expect(safeFixes(settings, contacts, undefined).repick).toEqual([]);
  });

  it('puts failures first', () => {
    const rows = [{ status: 'ok' }, { status: 'warn' }, { status: 'fail' }, { status: 'warn' }].map((r, i) => ({ ...r, id: String(i), area: 'links', finding: '', findingKey: '' })) as Parameters<typeof byConcern>[0];
    expect(byConcern(rows).map((r) => r.id)).toEqual(['2', '1', '3', '0']);
  });

  it('finds the last send-reminders run and what its exit means', () => {
    const runs: ListedRun[] = [
      { command: 'doctor', exitCode: 0, startedAt: 3, endedAt: 4, counts: {} },
      { command: 'send-reminders', exitCode: 3, startedAt: 1, endedAt: 2, counts: { delivered: 8, skipReasons: { unlinked: 1 } } },
    ];
    const last = lastSendRun(runs)!;
    expect(last.run.endedAt).toBe(2);
    expect(last.meaning?.meaning).toBe('exit.meaning.partial');
    expect(countsOf(last.run)).toEqual([['delivered', 8], ['skipReasons.unlinked', 1]]);
    expect(lastSendRun([runs[0]!])).toBeUndefined();
  });
});
