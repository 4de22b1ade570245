import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/calendar/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('calendar: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('shows the business days ahead of the fixed clock, holidays and weekends closed', async () => {
    const result = await h.invoke(run, { days: '7' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "Time zone Asia/Tokyo; send window 09:00-18:00; weekends off; national holidays off; closures 12-29..01-03
      Outside the window: praise send, survey send, update survey send
      The send window is open now.
      DATE              DAY           WHY
      2026-11-24 (Tue)  business day
      2026-11-25 (Wed)  business day
      2026-11-26 (Thu)  business day
      2026-11-27 (Fri)  business day
      2026-11-28 (Sat)  no sending    weekend
      2026-11-29 (Sun)  no sending    weekend
      2026-11-30 (Mon)  business day
      "
    `);
  });

  it('adds a closure, saved and then shown closed', async () => {
    const result = await h.invoke(run, { action: 'add-closure', args: ['2026-11-25'], days: '2' });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(-3).join('\n')).toMatchInlineSnapshot(`
      "2026-11-24 (Tue)  business day
      2026-11-25 (Wed)  no sending    company closure 2026-11-25
      "
    `);
    expect((await h.store((store) => store.config.get())).calendar?.extraDates).toEqual(['2026-11-25']);
  });

  it('refuses a send window that ends before it starts (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { action: 'set', args: ['window', '18:00-09:00'] }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the window must look like 09:00-18:00, start before end, not "18:00-09:00".
      "
    `);
  });
});
