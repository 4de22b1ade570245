import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, type UsersLeaveOptions } from '../../../src/commands/users/leave/run.js';
import { ExitCode } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

/** `users leave`'s run(options, deps) on a temporary SQLite store: set, list, clear, and bad input that changes nothing. */

let h: CommandHarness;

const invoke = (options: UsersLeaveOptions) => h.invoke(run, options, { command: 'users leave' });

const periods = () => h.store((store) => store.leave.all());

beforeEach(async () => {
  h = await commandHarness({ loggedIn: false, seed: 'empty' });
  await h.store((store) => store.users.replaceAll([
    { id: 'E1', name: '山田 太郎', email: 'yamada@example.jp' }, { id: 'E2', name: '佐藤 花子', email: 'sato@example.jp' },
  ]));
});
afterEach(() => h.close());

describe('users leave run()', () => {
  it('sets a leave by id or e-mail, lists it (table and --json), and clears it', async () => {
    const set = await invoke({ user: 'E1', from: '2026-12-01', until: '2027-05-31', reason: '育休' });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain('山田 太郎 (E1) is on leave from 2026-12-01 to 2027-05-31');
    expect((await invoke({ user: 'sato@example.jp', from: '2026-12-10', until: '2026-12-10', json: true })).code).toBe(0);
    expect((await periods()).map((p) => [p.userId, p.from, p.until, p.reason ?? null, p.source])).toEqual([
      ['E1', '2026-12-01', '2027-05-31', '育休', 'command'], ['E2', '2026-12-10', '2026-12-10', null, 'command'],
    ]);
    expect((await periods())[0]!.setBy).toMatch(/^users leave \(/);
    const table = await invoke({});
    expect(table.stdout).toMatch(/E1\s+山田 太郎\s+2026-12-01\s+2027-05-31\s+育休\s+users leave/);
    expect(JSON.parse((await invoke({ json: true })).stdout)).toHaveLength(2);
    // Set again: replaced, not added.
    expect((await invoke({ user: 'E1', from: '2026-12-05', until: '2026-12-06' })).code).toBe(0);
    expect((await periods()).filter((p) => p.userId === 'E1').map((p) => p.from)).toEqual(['2026-12-05']);
    const cleared = await invoke({ user: 'E1', clear: true });
    expect(cleared.stderr).toContain('Cleared the leave of 山田 太郎 (E1)');
    expect((await invoke({ user: 'E1', clear: true })).stderr).toContain('has no leave to clear');
    expect((await periods()).map((p) => p.userId)).toEqual(['E2']);
  });

  it('refuses bad input with exit 2, naming the flag or the user, and changes nothing', async () => {
    expect((await invoke({ user: 'E2', from: '2026-12-01', until: '2026-12-02' })).code).toBe(0);
    const before = await periods();
    const cases: [UsersLeaveOptions, string][] = [
      [{ user: 'E1', from: '2026-02-30', until: '2026-03-01' }, '--from must be a date that exists'],
      [{ user: 'E1', from: '2026-12-01', until: '2026/12/31' }, '--until must be a date that exists'],
      [{ user: 'E1', from: '2026-12-10', until: '2026-12-09' }, '--until (2026-12-09) is before --from (2026-12-10)'],
      [{ user: 'E1', from: '2026-12-10' }, 'needs both --from and --until'],
      [{ user: 'nobody', from: '2026-12-01', until: '2026-12-02' }, 'no user "nobody"'],
      [{ user: 'nobody', clear: true }, 'no user "nobody"'],
      [{ user: 'E1', clear: true, from: '2026-12-01' }, '--clear takes no --from'],
      [{ from: '2026-12-01', until: '2026-12-02' }, 'Name the user'],
      [{ user: 'E1', from: '2026-12-01', until: '2026-12-02', reason: 'a\nb' }, '--reason must be one line'],
    ];
    for (const [options, message] of cases) {
      const result = await invoke(options);
      expect(result.code, JSON.stringify(options)).toBe(ExitCode.usage);
      expect(result.stderr, JSON.stringify(options)).toContain(message);
    }
    expect(await periods()).toEqual(before);
  });
});
