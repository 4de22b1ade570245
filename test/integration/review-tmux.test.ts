import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generateLabelledPeople } from '../generators/people.js';
import { loggedInConfigDir } from '../helpers/logged-in.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { TmuxSession, tmuxTool } from '../helpers/tmux.js';

// link --review over a 300-person directory, in a real terminal: the certain matches in one
// confirmation, then at most one question per person who needs a decision; Ctrl-C halfway and
// a second run asks only what is still open. Prompts are counted on the screen.
const people = generateLabelledPeople(300, 7);
// The generator's organisation 1 is the company's (the sandbox account's 9001); 2 is an outsider's.
const contacts = people.contacts.map(({ room_id: _room, ...c }) => ({ ...c, organization_id: c.organization_id === 1 ? 9_001 : 9_666 }));
const ASKED = /\[(\d+)\/(\d+)\] Who is (.+?) \((U\d+)\)/g;

describe.skipIf(!tmuxTool.available)('link --review at a company\'s size (tmux)', () => {
  let sandbox: Sandbox;
  const sessions: TmuxSession[] = [];
  beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts }); });
  afterAll(async () => {
    for (const s of sessions) s.kill();
    await sandbox.stop();
  });

  it('asks each person who needs a decision at most once, plus one confirmation; resumes after Ctrl-C without asking again', async () => {
    const login = await loggedInConfigDir(sandbox);
    const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
    const file = join(login.configDir, 'users.csv');
    const cell = (v: string | undefined) => `"${(v ?? '').replace(/"/g, '""')}"`;
    writeFileSync(file, ['社員番号,氏名,フリガナ,メールアドレス,部署', ...people.users.map((u) => [u.id, u.name, u.reading, u.email, u.department].map(cell).join(','))].join('\n') + '\n');
    expect((await cli(['users', 'import', file])).code).toBe(0);
    const plan = JSON.parse((await cli(['link', '--auto', '--dry-run', '--json'])).stdout) as { review: { userId: string; why: string | null }[]; unmatched: unknown[] };
    const certain = new Set(plan.review.filter((r) => r.why === null).map((r) => r.userId));
    const needing = [...new Set(plan.review.filter((r) => !certain.has(r.userId)).map((r) => r.userId))];
    expect(certain.size).toBeGreaterThan(150);
    expect(needing.length).toBeGreaterThan(12);

    const env = Object.fromEntries(Object.entries({ ...login.env, LANG: 'en_US.UTF-8', HOME: login.configDir, PATH: process.env.PATH ?? '' })
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const start = () => {
      const s = TmuxSession.start([process.execPath, BIN, ...login.args, '--lang', 'en', 'link', '--review'], env, { width: 250, height: 60 });
      sessions.push(s);
      return s;
    };
    const asked = (s: TmuxSession) => [...s.screen().matchAll(ASKED)].map((m) => ({ n: Number(m[1]), total: Number(m[2]), userId: m[4]! }));
    // The one confirmation, when there are certain matches: yes. Returns who it linked.
    const confirmIfAsked = async (s: TmuxSession) => {
      const opening = (await s.waitFor(/Link all (\d+) certain match\(es\) above\?|\[1\/\d+\] Who is|EXIT:\d+/))[0];
      if (!opening.startsWith('Link all')) return [];
      await s.type('y');
      return [...s.screen().matchAll(/^(U\d{6}) /gm)].map((m) => m[1]!);
    };
    // The question on screen now, once it is a later one than `after`; undefined once the command has exited.
    const next = async (s: TmuxSession, after: number) => {
      for (let i = 0; i < 300; i++) {
        const screen = s.screen();
        const shown = [...screen.matchAll(ASKED)].map((m) => Number(m[1]));
        const last = shown.length ? Math.max(...shown) : 0;
        if (last > after) return last;
        if (/EXIT:\d+/.test(screen)) return undefined;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no question after ${after}; the screen was:\n${s.screen()}`);
    };
    // Each answer: the first candidate, "not this person" (before "decide later", the last choice), or later.
    const answerAll = async (s: TmuxSession, how: (n: number) => 'link' | 'reject' | 'skip', stopBefore = Infinity) => {
      let n = 0;
      for (;;) {
        const shown = await next(s, n);
        if (shown === undefined || shown >= stopBefore) return shown;
        n = shown;
        const choice = how(n);
        if (choice === 'reject') await s.press('Up', 'Up');
        if (choice === 'skip') await s.press('Up');
        await s.press('Enter');
      }
    };

    // First run: one confirmation for the certain matches, ten decisions, then Ctrl-C at the eleventh question.
    const first = start();
    await first.waitFor(/Link all (\d+) certain match\(es\) above\?/);
    await first.type('y');
    expect(Number((await first.waitFor(/\[1\/(\d+)\] Who is/))[1])).toBe(needing.length);
    expect(await answerAll(first, (n) => (n % 3 === 0 ? 'reject' : 'link'), 11)).toBe(11);
    await first.press('C-c');
    await first.waitFor(/EXIT:130/);
    expect(first.screen().match(/Link all \d+ certain match/g)).toHaveLength(1);
    const firstAsked = asked(first);
    const decided = firstAsked.filter((a) => a.n <= 10).map((a) => a.userId);
    expect(firstAsked.map((a) => a.n)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(new Set(decided).size).toBe(10);
    const interrupted = firstAsked.find((a) => a.n === 11)!.userId;

    // Second run: nobody decided is asked again; "decide later" for some. A decision of the first run can make a
    // namesake certain (its twin was linked, or the other candidate rejected): those come in one confirmation again.
    const second = start();
    const newlyCertain = await confirmIfAsked(second);
    const skipOrNot = (n: number) => (n === 1 ? 'skip' : n % 4 === 0 ? 'reject' : 'link');
    expect(await answerAll(second, skipOrNot)).toBeUndefined();
    await second.waitFor(/EXIT:0/);
    const secondScreen = second.screen();
    expect(newlyCertain.filter((id) => decided.includes(id) || !needing.includes(id))).toEqual([]);
    const secondAsked = asked(second);
    const secondUsers = secondAsked.map((a) => a.userId);
    expect(new Set(secondUsers).size).toBe(secondUsers.length);
    expect(secondUsers[0]).toBe(interrupted);
    expect(secondUsers.filter((id) => decided.includes(id) || newlyCertain.includes(id))).toEqual([]);
    expect(secondUsers.every((id) => needing.includes(id))).toBe(true);
    // The measure: at most one question per person needing a decision, plus the one confirmation (and the question Ctrl-C left open).
    const prompts = { confirmations: newlyCertain.length ? 2 : 1, firstRun: firstAsked.length, secondRun: secondUsers.length, inSecondConfirmation: newlyCertain.length };
    expect(prompts.firstRun + prompts.secondRun + prompts.inSecondConfirmation).toBeLessThanOrEqual(needing.length + 1);
    expect(secondScreen).toMatch(/Review: \d+ linked, \d+ said not to be the person, \d+ left for later\./);
    console.log(`link --review of ${people.users.length} people: ${certain.size} certain (1 confirmation), ${needing.length} needing a decision; questions ${JSON.stringify(prompts)}`);

    // A third run asks only the ones left for later, and nothing else.
    const skipped = secondAsked.filter((a) => skipOrNot(a.n) === 'skip').map((a) => a.userId);
    expect(skipped).toEqual([interrupted]);
    const third = start();
    const certainThird = await confirmIfAsked(third);
    // Someone left for later may have become certain meanwhile (a namesake decided): then in the confirmation, not asked.
    expect(certainThird.filter((id) => decided.includes(id) || newlyCertain.includes(id) || (secondUsers.includes(id) && !skipped.includes(id)))).toEqual([]);
    expect(await answerAll(third, () => 'skip')).toBeUndefined();
    await third.waitFor(/EXIT:0/);
    expect(asked(third).map((a) => a.userId)).toEqual(skipped.filter((id) => !certainThird.includes(id)));
  }, 240_000);
});
