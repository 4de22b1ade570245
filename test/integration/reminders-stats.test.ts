import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

/**
 * `reminders stats` against a scripted campaign: six people asked for a survey and an update
 * survey (one digest each), one not linked; exports that drop people as they answer.
 */
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(5) }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

interface Stats { reminderId: string; asked: number; messages: Record<string, number>; answeredAfter: Record<string, number>; answered: number; pending: number; skipped: Record<string, number>; failed: number }

describe.each(BACKENDS)('reminders stats on %s', (backend) => {
  if (backend === 'postgres' && !postgres.available) { it.skip(`PostgreSQL: ${postgres.reason}`, () => {}); return; }

  it('counts the campaign: asked, messages, answered after the first message or before any, pending, skipped, failed', async () => {
    const login = await loggedInConfigDir(sandbox, backend);
    const users = await linkAllContacts(sandbox, login.configDir);
    const [unlinked, first, second] = users as [string, string, string, ...string[]];
    await withStore(login.configDir, (store) => store.links.remove([unlinked]));
    const file = join(login.configDir, 'reminders.json');
    const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
    const send = async (surveyTo: string[], updateTo: string[]) => {
      writeFileSync(file, JSON.stringify([
        { id: 's1', type: 'survey', title: '12月のサーベイ', due: '2026-12-11', to: surveyTo },
        { id: 'u1', type: 'update_survey', title: '今月のアップデート', due: '2026-12-09', to: updateTo },
      ]));
      return cli(['send-reminders', '--input', file, '--json']);
    };
    await send(users, users);
    // Next export: `first` answered the survey; the unlinked person (never reached) answered both.
    await send(users.filter((u) => u !== first && u !== unlinked), users.filter((u) => u !== unlinked));
    // Then `second` answered the update survey.
    await send(users.filter((u) => u !== first && u !== unlinked), users.filter((u) => u !== unlinked && u !== second));

    const result = await cli(['reminders', 'stats', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const stats = (JSON.parse(result.stdout) as { reminders: Stats[] }).reminders;
    const linked = users.length - 1;
    expect(stats.find((s) => s.reminderId === 's1')).toMatchObject({
      asked: linked, messages: { '': linked }, answeredAfter: { none: 1, '': 1 }, answered: 2, pending: users.length - 2, skipped: { unlinked: 1 }, failed: 0,
    });
    expect(stats.find((s) => s.reminderId === 'u1')).toMatchObject({
      asked: linked, messages: { '': linked }, answeredAfter: { none: 1, '': 1 }, answered: 2, pending: users.length - 2, skipped: { unlinked: 1 }, failed: 0,
    });
    const one = await cli(['--lang', 'ja', 'reminders', 'stats', 's1']);
    expect(one.stdout).toContain('s1「12月のサーベイ」（サーベイ、回答期限: 2026-12-11）');
    expect(one.stdout).toContain(`送信した人: ${linked}人`);
    expect(one.stdout).toContain('回答: 2人（送信前1、初回1）');
    const csv = await cli(['reminders', 'stats', 'u1', '--csv', '--csv-headers', 'keys']);
    expect(csv.stdout).toContain(`u1,update-survey,今月のアップデート,2026-12-09,messages,,${linked}`);
  });
});
