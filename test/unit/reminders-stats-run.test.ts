import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/reminders/stats/run.js';
import { reminderStats } from '../../src/delivery/reminder-stats.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('reminderStats', () => {
  it('counts people asked, messages per round, answers after each round, pending, skips and failures', () => {
    const stats = reminderStats({
      reminderId: 's1', type: 'survey', title: 'T',
      deliveries: [
        { userId: 'a', round: '', status: 'sent' }, { userId: 'b', round: '', status: 'sent' }, { userId: 'c', round: '', status: 'failed' },
        { userId: 'b', round: 'd1', status: 'sent' }, { userId: 'd', round: '', status: 'failed' }, { userId: 'd', round: '', status: 'sent' },
      ],
      answered: [{ userId: 'a', afterRound: '' }, { userId: 'b', afterRound: 'd1' }, { userId: 'e' }],
      pending: ['c', 'd'],
      skips: [{ userId: 'f', reason: 'unlinked' }, { userId: 'g', reason: 'unlinked' }, { userId: 'a', reason: 'task-closed' }],
    });
    expect(stats).toMatchObject({
      asked: 3, messages: { '': 3, d1: 1 }, answeredAfter: { none: 1, '': 1, d1: 1 }, answered: 3, pending: 2,
      skipped: { unlinked: 2 }, failed: 1, tasks: { closed: 1, refused: 0, failed: 0 },
    });
    // Rounds in the order they go: before any message, the first, then follow-ups.
    expect(Object.keys(stats.answeredAfter)).toEqual(['none', '', 'd1']);
  });
});

describe('reminders stats: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness({ loggedIn: false, seed: 'empty' }); });
  afterEach(() => h.close());

  it('says when nothing was seen, refuses an unknown id and --json with --csv', async () => {
    expect((await h.invoke(run, {})).stderr).toContain('No reminder seen yet');
    expect((await h.invoke(run, { id: 'nope' })).code).toBe(2);
    expect((await h.invoke(run, { json: true, csv: true })).code).toBe(2);
  });

  it('prints every reminder seen, as JSON and as a formula-safe CSV', async () => {
    await h.store((store) => store.reminders.observe([{ reminderId: 's1', type: 'survey', title: '=HYPERLINK("http://x")', due: '2026-12-11', to: ['a', 'b'] }], 1));
    await h.store((store) => store.reminders.observe([{ reminderId: 's1', type: 'survey', title: '=HYPERLINK("http://x")', due: '2026-12-11', to: ['b'] }], 2));
    const json = JSON.parse((await h.invoke(run, { json: true })).stdout) as { reminders: { reminderId: string; answered: number; pending: number; answeredAfter: object }[] };
    expect(json.reminders).toMatchObject([{ reminderId: 's1', answered: 1, pending: 1, answeredAfter: { none: 1 } }]);
    const csv = (await h.invoke(run, { csv: true, csvHeaders: 'keys' })).stdout.trim().split('\n');
    expect(csv[0]).toBe('reminderId,type,title,due,figure,detail,count');
    expect(csv).toContain('s1,survey,"\'=HYPERLINK(""http://x"")",2026-12-11,answered,none,1');
    const text = await h.invoke(run, { id: 's1' });
    expect(text.stdout).toContain('Still pending: 1');
  });
});
