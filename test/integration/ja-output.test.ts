import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { strayEnglish } from '../unit/ja-english.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });

describe('the daily commands in Japanese, logged in: no stray English around the data', () => {
  it('doctor, auth status, rooms, destinations, calendar, state info, history, links, send-reminders --dry-run', async () => {
    const login = await loggedInConfigDir(sandbox);
    const linked = await linkAllContacts(sandbox, login.configDir, { praise: 'dm', survey: 'dm', 'update-survey': 'off' });
    // Reminders to the linked users (the demo file names the demo's users, who are not here: it would only fail).
    const reminders = join(mkdtempSync(join(tmpdir(), 'hmcw-ja-')), 'reminders.json');
    writeFileSync(reminders, JSON.stringify([
      { id: 'survey-1', type: 'survey', to: linked.slice(0, 3), title: '12月のサーベイ', due: '2026-12-04', url: 'https://app.himanager.example/s/1' },
      { id: 'praise-1', type: 'praise', to: linked[3], from: linked[4], message: 'いつもありがとうございます' },
      { id: 'update-1', type: 'update-survey', to: linked[5], title: '今週のアップデート', due: '2026-12-04', url: 'https://app.himanager.example/u/1' },
    ]));
    const found: string[] = [];
    // People's names are data: the words of every contact's and user's name are allowed.
    const contacts = JSON.parse((await runCli([...login.args, 'contacts', '--json'], { env: login.env })).stdout) as { name: string }[];
    const users = JSON.parse((await runCli([...login.args, 'users', 'list', '--json'], { env: login.env })).stdout) as { name: string }[];
    const names = new Set([...contacts, ...users].flatMap((person) => person.name.split(/[\s/　]+/)));
    const exits: string[] = [];
    const printed = new Map<string, string>();
    for (const args of [['doctor'], ['auth', 'status'], ['rooms'], ['destinations'], ['calendar'], ['state', 'info'], ['history'], ['links'], ['users', 'list'], ['link', '--auto', '--dry-run'], ['send-reminders', '--input', reminders, '--dry-run']]) {
      const result = await runCli([...login.args, '--lang', 'ja', ...args], { env: login.env });
      // Each command did its job: it exited 0 and printed its answer (a walk over failures or silence proves nothing).
      exits.push(`${args.join(' ')}: exit ${result.code}, ${result.stdout.trim() ? 'printed' : 'nothing on stdout'}`);
      printed.set(args[0]!, result.stdout + result.stderr);
      // The sandbox's client id is data too.
      const text = (result.stdout + result.stderr).replace(/sandbox-demo-client/g, ' ');
      found.push(...strayEnglish(text).filter((word) => !names.has(word)).map((word) => `${args.join(' ')}: ${word}`));
    }
    expect(found).toEqual([]);
    // history and link --auto state an empty answer on stderr; everything else answers on stdout.
    expect(exits.filter((line) => !line.endsWith(': exit 0, printed'))).toEqual(['history: exit 0, nothing on stdout', 'link --auto --dry-run: exit 0, nothing on stdout']);
    expect(printed.get('history')).toContain('0件を表示しました。');
    expect(printed.get('link')).toContain('確認のみ（変更していません）');
    expect(printed.get('send-reminders')).toContain('確認のみ（送信していません）: 送信予定4件、スキップ1件。');
    expect(exits).toHaveLength(11);
  });
});
