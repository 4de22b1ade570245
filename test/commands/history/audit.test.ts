import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/history/audit/run.js';
import { run as setDestination } from '../../../src/commands/destinations/set/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('history audit: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('lists who changed what from the CLI, newest first; --user narrows to one subject', async () => {
    expect((await h.invoke(setDestination, { type: 'praise', destination: 'room:500000067' })).code).toBe(0);
    expect((await h.invoke(setDestination, { type: 'survey', destination: 'dm' })).code).toBe(0);
    const result = await h.invoke(run, { json: true });
    expect(result.code).toBe(0);
    const entries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // Newest first: the survey's destination, then praise's; each made from the CLI, by a named OS user.
    expect(entries.slice(0, 2).map((e) => [e.where, e.action, e.subject, e.detail])).toEqual([
      ['cli', 'destination.set', 'survey', { before: null, after: 'dm' }],
      ['cli', 'destination.set', 'praise', { before: null, after: 'room:500000067' }],
    ]);
    // Before them, the harness's own setup (the login's settings): recorded the same way.
    expect(entries.slice(2).every((e) => e.where === 'cli' && e.action === 'setting.set')).toBe(true);
    for (const entry of entries) expect(typeof entry.who === 'string' && entry.who.length > 0).toBe(true);
    const text = await h.invoke(run, { limit: '1' });
    expect(text.stdout.trim().split('\n')).toHaveLength(1);
    expect(text.stdout).toContain('survey');
    const one = await h.invoke(run, { json: true, user: 'praise' });
    expect(one.stdout.trim().split('\n').map((line) => JSON.parse(line).subject)).toEqual(['praise']);
  });

  it('refuses a bad --limit (exit 2) and changes nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { limit: '-3' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toContain('--limit -3');
  });
});
