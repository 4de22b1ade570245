import { describe, expect, it } from 'vitest';
import type { AffectedPerson, AlertInput } from '../../src/alerts/alert-input.js';
import { planAlert } from '../../src/alerts/alert-plan.js';
import type { AlertMemory } from '../../src/domain.js';
import { createTranslator } from '../../src/i18n/translate.js';

const NONE: AlertInput = { failures: [], newlyUnreachable: [], roomsGone: [] };
const context = { roomId: 77, lang: 'ja' as const, destinations: { survey: 'room:500', praise: 'dm' }, run: { id: 'run-1', host: 'cron-1' }, now: 1_000 };
const person = (userId: string, name = `社員 ${userId}`, reason = 'HTTP 403: no permission'): AffectedPerson => ({ userId, name, reason, type: 'survey' });
const failing = (...ids: string[]): AlertInput => ({ ...NONE, failures: ids.map((id) => person(id)) });

/** Runs the plan over a sequence of runs, posting every message: what each run would post. */
function runs(inputs: AlertInput[], start?: AlertMemory): string[][] {
  let memory = start;
  return inputs.map((input, i) => {
    const plan = planAlert(input, memory, { ...context, now: 1_000 + i });
    memory = plan.memory;
    return plan.messages;
  });
}

describe('an alert per cause, until the cause changes or clears', () => {
  it('a clean run posts nothing and remembers nothing', () => {
    const plan = planAlert(NONE, undefined, context);
    expect(plan.messages).toEqual([]);
    expect(plan.memory.open).toEqual({});
  });

  it('a failure alerts once; the same failure again does not; a different one does', () => {
    const posted = runs([failing('E1', 'E2'), failing('E2', 'E1', 'E1'), failing('E1', 'E3')]);
    expect(posted.map((m) => m.length)).toEqual([1, 0, 1]);
    expect(posted[2]![0]).toContain('E3');
  });

  it('a cause that clears is forgotten: when it comes back, it alerts again', () => {
    const posted = runs([failing('E1'), NONE, failing('E1'), failing('E1')]);
    expect(posted.map((m) => m.length)).toEqual([1, 0, 1, 0]);
  });

  it('each kind is its own cause: a new kind alerts with only its own section', () => {
    const gone: AlertInput = { ...failing('E1'), roomsGone: [{ roomId: 500, type: 'survey' }] };
    const posted = runs([failing('E1'), gone]);
    expect(posted[1]).toHaveLength(1);
    expect(posted[1]![0]).toContain('500');
    expect(posted[1]![0]).not.toContain('E1');
  });

  it('memory of another room does not count: the new room is told', () => {
    const first = planAlert(failing('E1'), undefined, context);
    expect(planAlert(failing('E1'), first.memory, { ...context, roomId: 78 }).messages).toHaveLength(1);
  });

  it('when the post fails, the raised cause is not remembered (the next run tries again); a known one stays', () => {
    const first = planAlert(failing('E1'), undefined, context);
    const both: AlertInput = { ...failing('E1'), roomsGone: [{ roomId: 500, type: 'survey' }] };
    const plan = planAlert(both, first.memory, context);
    expect(plan.raised).toEqual(['room-gone']);
    expect(Object.keys(plan.memoryIfUnposted.open)).toEqual(['failed']);
    expect(planAlert(both, plan.memoryIfUnposted, context).raised).toEqual(['room-gone']);
  });

  it('the memory holds fingerprints, never a name or an id', () => {
    const plan = planAlert(failing('E0001'), undefined, context);
    const stored = JSON.stringify(plan.memory);
    expect(stored).not.toContain('E0001');
    expect(stored).not.toContain('社員');
    expect(plan.memory.open.failed!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('what the alert says', () => {
  it('Japanese by default: what happened, whom, and the command that fixes it (doctor\'s remedy)', () => {
    const t = createTranslator('ja');
    const input: AlertInput = {
      failures: [person('E1', '山田 太郎')],
      newlyUnreachable: [{ userId: 'E2', name: '佐藤 花子', reason: 'contact-gone' }, { userId: 'E3', name: '鈴木 翔', reason: 'not-member', type: 'survey' }],
      roomsGone: [{ roomId: 501, type: 'praise' }],
    };
    const [message, ...rest] = planAlert(input, undefined, context).messages;
    expect(rest).toEqual([]);
    expect(message).toMatch(/^\[info\]\[title\]【要対応】/);
    expect(message).toContain('送信に失敗しました（1人）: 山田 太郎（E1）');
    expect(message).toContain('理由: HTTP 403: no permission');
    expect(message).toContain(`対処: ${t('doctor.fix.lastRun')}`);
    expect(message).toContain('前回の実行では送信できた2人に、今回は送信できませんでした。');
    expect(message).toContain(`対処: ${t('doctor.fix.contactGone', { user: 'E2' })}`);
    expect(message).toContain(`対処: ${t('doctor.fix.members', { typeArg: 'survey', roomId: '500' })}`);
    expect(message).toContain(`対処: ${t('doctor.fix.destination', { type: 'praise' })}`);
    expect(message).toContain('実行ID: run-1（ホスト: cron-1）');
  });

  it('English when the messages are English', () => {
    const [message] = planAlert(failing('E1'), undefined, { ...context, lang: 'en' }).messages;
    expect(message).toContain('Not delivered after retries (1): 社員 E1 (E1)');
    expect(message).toContain(`To fix: ${createTranslator('en')('doctor.fix.lastRun')}`);
  });

  it('an unconfirmed post gets the rerun remedy', () => {
    const [message] = planAlert({ ...NONE, failures: [{ ...person('E1'), unconfirmed: true }] }, undefined, context).messages;
    expect(message).toContain(createTranslator('ja')('doctor.fix.rerun'));
    expect(message).not.toContain(createTranslator('ja')('doctor.fix.lastRun'));
  });

  it('a hostile name, id, reason or host takes no effect as notation', () => {
    const hostile = '[toall][To:1]悪意[info]x[/info]';
    const input: AlertInput = { ...NONE, failures: [{ userId: '[To:2]E1', name: hostile, reason: `[toall] ${hostile}` }] };
    const [message] = planAlert(input, undefined, { ...context, run: { id: 'r', host: '[toall]' } }).messages;
    const tags = message!.match(/\[[^\]]*\]/g);
    expect(tags).toEqual(['[info]', '[title]', '[/title]', '[/info]']);
    expect(message).toContain('［toall］［To:1］悪意');
  });

  it('a name with a line break stays on its line', () => {
    const [message] = planAlert({ ...NONE, failures: [person('E1', '山田\n[toall]')] }, undefined, context).messages;
    expect(message).toContain('山田\\n［toall］');
  });

  it('lists the first 10 people and counts the rest', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `E${String(i).padStart(2, '0')}`);
    const [message] = planAlert(failing(...ids), undefined, context).messages;
    expect(message).toContain('送信に失敗しました（25人）');
    expect(message).toContain('ほか15人');
    expect(message).toContain('（E09）');
    expect(message).not.toContain('（E10）');
  });

  it('sections that do not fit one message go whole into the next, none over the limit', () => {
    const input: AlertInput = {
      failures: [person('E1')], newlyUnreachable: [{ userId: 'E2', name: 'x', reason: 'unlinked' }], roomsGone: [{ roomId: 501, type: 'praise' }],
    };
    const whole = planAlert(input, undefined, context).messages;
    expect(whole).toHaveLength(1);
    const maxLength = 420;
    const split = planAlert(input, undefined, { ...context, maxLength }).messages;
    expect(split.length).toBeGreaterThan(1);
    for (const message of split) {
      expect(message.length).toBeLessThanOrEqual(maxLength);
      expect(message).toMatch(/^\[info\]\[title\].*\(\d\/\d\)\[\/title\][\s\S]*\[\/info\]$/);
    }
    // Every line of the whole message is in one of the parts: nothing cut.
    const body = (m: string) => m.replace(/^\[info\]\[title\][^[]*\[\/title\]/, '').replace(/\[\/info\]$/, '').split('\n').filter(Boolean);
    const parts = split.flatMap(body);
    for (const line of body(whole[0]!)) expect(parts).toContain(line);
  });
});
