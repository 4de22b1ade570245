import { describe, expect, it } from 'vitest';
import { escalationKey, escalationTargets, planEscalations, type EscalationView } from '../../src/delivery/escalation.js';
import { ESCALATION_TEMPLATES, renderEscalation } from '../../src/delivery/escalation-template.js';
import { MAX_BODY } from '../../src/delivery/notation.js';
import type { Reminder } from '../../src/delivery/reminders.js';
import type { HiManagerUser } from '../../src/domain.js';
import type { DeliveryEntry } from '../../src/store/store.js';
import { spacingViolations } from './ja-spacing.js';

const reminder: Reminder = { id: 'r1', type: 'survey', to: [], unknownRecipients: [], title: '年末サーベイ', due: '2026-12-04', record: 1, line: 1 };

function view(users: HiManagerUser[], entries: Record<string, Partial<DeliveryEntry>> = {}): EscalationView {
  return {
    enabled: { survey: true }, today: '2026-12-04', escalationDay: (r) => r.due, users: new Map(users.map((u) => [u.id, u])),
    links: new Map([['M', { accountId: 900, source: 'manual', linkedAt: '' }]]), chats: new Map([[900, { accountId: 900, roomId: 9000, name: '上長' } as never]]),
    onLeave: (id) => id === 'away', entryOf: async (key) => entries[key] as DeliveryEntry | undefined, unsettled: new Set(), lang: 'ja',
  };
}

describe('manager escalation plan', () => {
  it('a list that does not fit one message is split between names, never cut: every name once, each part within 65,535 characters, keys per part', async () => {
    // 5,000 reports with 20-character names: about 125,000 characters of list.
    const reports = Array.from({ length: 5000 }, (_, i) => ({ id: `E${i}`, name: `社員${String(i).padStart(5, '0')}${'あ'.repeat(13)}`, email: `e${i}@x.jp`, managerId: 'M' }));
    const users = [{ id: 'M', name: '上長 太郎', email: 'm@x.jp' }, ...reports];
    const v = view(users);
    const targets = escalationTargets([{ ...reminder, to: reports.map((r) => r.id) }], v);
    const { deliveries, skips } = await planEscalations(targets, v);
    expect(skips).toEqual([]);
    expect(deliveries.length).toBeGreaterThan(1);
    expect(deliveries.map((d) => d.key)).toEqual(deliveries.map((_, i) => escalationKey('r1', 'M', i + 1)));
    expect(deliveries[0]!.pairs).toEqual([['r1', 'M', 'manager']]);
    for (const d of deliveries) {
      expect(d.body.length).toBeLessThanOrEqual(MAX_BODY);
      expect(d.tooLong).toBeUndefined();
      expect(d.roomId).toBe(9000);
      expect(d.body).toContain(`（${d.part!.index}/${deliveries.length}）`);
    }
    const listed = deliveries.flatMap((d) => d.body.split('\n').filter((line) => line.startsWith('・')));
    expect(listed).toHaveLength(5000);
    expect(new Set(listed).size).toBe(5000);
    // After a crash between parts, only the parts not sent go.
    const again = await planEscalations(targets, view(users, { [escalationKey('r1', 'M', 1)]: { status: 'sent' }, [escalationKey('r1', 'M', 2)]: { status: 'sent' } }));
    expect(again.deliveries.map((d) => d.part!.index)).toEqual(deliveries.slice(2).map((d) => d.part!.index));
  });

  it('not before the day, nobody on leave or without a manager, once per manager; unlinked managers are skips', async () => {
    const users: HiManagerUser[] = [
      { id: 'M', name: '上長', email: 'm@x.jp' }, { id: 'a', name: 'A', email: 'a@x.jp', managerId: 'M' }, { id: 'away', name: 'B', email: 'b@x.jp', managerId: 'M' },
      { id: 'c', name: 'C', email: 'c@x.jp' }, { id: 'd', name: 'D', email: 'd@x.jp', managerId: 'N' }, { id: 'N', name: '未紐付', email: 'n@x.jp' },
    ];
    const r = { ...reminder, to: ['a', 'away', 'c', 'd'] };
    expect(escalationTargets([r], { ...view(users), today: '2026-12-03' }).size).toBe(0);
    expect(escalationTargets([{ ...r, due: undefined }], view(users)).size).toBe(0);
    expect(escalationTargets([r], { ...view(users), enabled: {} }).size).toBe(0);
    const targets = escalationTargets([r], view(users));
    expect([...targets.get(r)!]).toEqual([['M', ['a']], ['N', ['d']]]);
    const { deliveries, skips } = await planEscalations(targets, view(users));
    expect(deliveries.map((d) => [d.key, d.recipients[0]!.userId])).toEqual([[escalationKey('r1', 'M', 1), 'M']]);
    expect(skips).toEqual([{ reminderId: 'r1', recipient: 'N', reason: 'manager-unlinked', round: 'manager' }]);
    const sent = await planEscalations(targets, view(users, { [escalationKey('r1', 'M', 1)]: { status: 'sent' } }));
    expect(sent.deliveries).toEqual([]);
    expect(sent.skips.map((s) => s.reason)).toEqual(['already-sent', 'manager-unlinked']);
  });

  it('the templates read as written: no ASCII space between Japanese and Latin, balanced tags, only known placeholders', () => {
    expect(spacingViolations(ESCALATION_TEMPLATES.ja.replace(/\{\w+\}/g, 'X'))).toEqual([]);
    for (const lang of ['ja', 'en'] as const) {
      const template = ESCALATION_TEMPLATES[lang];
      expect(template.match(/\[info\]/g)?.length).toBe(template.match(/\[\/info\]/g)?.length);
      expect(template.match(/\[title\]/g)?.length).toBe(template.match(/\[\/title\]/g)?.length);
      expect([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).every((name) => ['to', 'title', 'count', 'names', 'part'].includes(name!))).toBe(true);
      expect(renderEscalation(lang, { to: '[To:1]X', title: 'T', count: 2, names: 'n', part: '' })).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('escalation day', () => {
  it('is the last follow-up round\'s day with a schedule, else the due day; a closed day moves to the business day before', async () => {
    const { escalationDay } = await import('../../src/commands/send-reminders/escalate-step.js');
    const { DEFAULT_CALENDAR } = await import('../../src/calendar/calendar.js');
    const r = { ...reminder, due: '2026-12-06' }; // a Sunday
    expect(escalationDay(r, DEFAULT_CALENDAR, {})).toBe('2026-12-04');
    expect(escalationDay(r, DEFAULT_CALENDAR, {}, { survey: { daysBefore: [5, 3], gapHours: 20 } })).toBe('2026-12-03');
    expect(escalationDay(r, DEFAULT_CALENDAR, {}, { 'update-survey': { daysBefore: [5, 3], gapHours: 20 } })).toBe('2026-12-04');
    expect(escalationDay({ ...r, due: undefined }, DEFAULT_CALENDAR, {})).toBeUndefined();
  });
});
