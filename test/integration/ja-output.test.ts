import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_REMINDERS, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { strayEnglish } from '../unit/ja-english.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });

describe('the daily commands in Japanese, logged in: no stray English around the data', () => {
  it('doctor, auth status, rooms, destinations, calendar, state info, history, links, send-reminders --dry-run', async () => {
    const login = await loggedInConfigDir(sandbox);
    await linkAllContacts(sandbox, login.configDir, { praise: 'dm', survey: 'dm', 'update-survey': 'off' });
    const found: string[] = [];
    // People's names are data: the words of every contact's and user's name are allowed.
    const contacts = JSON.parse((await runCli([...login.args, 'contacts', '--json'], { env: login.env })).stdout) as { name: string }[];
    const users = JSON.parse((await runCli([...login.args, 'users', 'list', '--json'], { env: login.env })).stdout) as { name: string }[];
    const names = new Set([...contacts, ...users].flatMap((person) => person.name.split(/[\s/　]+/)));
    for (const args of [['doctor'], ['auth', 'status'], ['rooms'], ['destinations'], ['calendar'], ['state', 'info'], ['history'], ['links'], ['users', 'list'], ['link', '--auto', '--dry-run'], ['send-reminders', '--input', DEMO_REMINDERS, '--dry-run']]) {
      const result = await runCli([...login.args, '--lang', 'ja', ...args], { env: login.env });
      // The sandbox's client id is data too.
      const text = (result.stdout + result.stderr).replace(/sandbox-demo-client/g, ' ');
      found.push(...strayEnglish(text).filter((word) => !names.has(word)).map((word) => `${args.join(' ')}: ${word}`));
    }
    expect(found).toEqual([]);
  });
});
