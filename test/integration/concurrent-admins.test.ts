import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runBin } from '../helpers/run-cli.js';
import { readState, withStore } from '../helpers/state.js';
import { startConsole } from '../helpers/console.js';

// Admins (and cron) changing the same install at once, each in a process of its own, on the
// default SQLite store: every change is a transaction on rows, so none is lost.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(45), randomSeed: 9 }); });
afterAll(async () => { await sandbox.stop(); });

describe('concurrent changes on one config dir', () => {
  it('40 rounds of unlink, calendar and destinations changes in parallel: none lost', async () => {
    const login = await loggedInConfigDir(sandbox);
    const users = await linkAllContacts(sandbox, login.configDir);
    const cli = (args: string[]) => runBin([...login.args, ...args], { env: login.env });
    const rounds = 40;
    const closure = (i: number) => `11-${String(1 + (i % 28)).padStart(2, '0')}..12-${String(1 + Math.floor(i / 28)).padStart(2, '0')}`;
    const types = ['praise', 'survey', 'update-survey'] as const;
    // Within a batch every writer of one type sets the same value, and each batch flips it: the
    // types still race with each other, so a lost update would leave a type at the batch before's value.
    const destination = (i: number) => (Math.floor(i / 5) + (i % 3)) % 2 ? 'dm' : 'off';
    for (let batch = 0; batch < rounds; batch += 5) {
      const results = await Promise.all(Array.from({ length: 5 }, (_, k) => batch + k).flatMap((i) => [
        cli(['unlink', users[i]!]),
        cli(['calendar', 'add-closure', closure(i)]),
        cli(['destinations', 'set', types[i % 3]!, destination(i)]),
      ]));
      for (const result of results) expect(result.code, result.stderr).toBe(0);
    }
    const state = await readState(login.configDir);
    for (let i = 0; i < rounds; i++) {
      expect(state.links[users[i]!], `round ${i}: unlink`).toBeUndefined();
      expect(state.calendar?.closures, `round ${i}: closure`).toContain(closure(i));
    }
    expect(Object.keys(state.links)).toHaveLength(users.length - rounds);
    // The last batch (rounds 35-39) set praise and update-survey to dm, survey to off; the batch
    // before set the opposite, so each value here proves the last write of its type was kept.
    expect(state.destinations).toMatchObject({ praise: 'dm', survey: 'off', 'update-survey': 'dm' });
  }, 180_000);
});

describe('concurrent changes from the console and the CLI on one config dir', () => {
  it('40 rounds of console unlinks beside CLI closures and destinations, in parallel: none lost, each audited where it was made', async () => {
    const login = await loggedInConfigDir(sandbox);
    const users = await linkAllContacts(sandbox, login.configDir);
    const admin = await startConsole({ sandbox, config: login });
    try {
      const csrf = await admin.csrf();
      const cli = (args: string[]) => runBin([...login.args, ...args], { env: login.env });
      const rounds = 40;
      const closure = (i: number) => { const day = `${String(9 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`; return `${day}..${day}`; };
      const types = ['praise', 'survey', 'update-survey'] as const;
      const destination = (i: number) => (Math.floor(i / 5) + (i % 3)) % 2 ? 'dm' : 'off';
      // The console's unlink is a form post, as the page sends it: the person's link as the page saw it.
      const unlink = (userId: string) => admin.request('/links/unlink', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, user: userId, expected: userId.slice(1) }).toString(),
      });
      for (let batch = 0; batch < rounds; batch += 5) {
        const round = Array.from({ length: 5 }, (_, k) => batch + k);
        const [posts, results] = await Promise.all([
          Promise.all(round.map((i) => unlink(users[i]!))),
          Promise.all(round.flatMap((i) => [cli(['calendar', 'add-closure', closure(i)]), cli(['destinations', 'set', types[i % 3]!, destination(i)])])),
        ]);
        for (const post of posts) expect(post.status).toBe(303);
        for (const result of results) expect(result.code, result.stderr).toBe(0);
      }
      const state = await readState(login.configDir);
      for (let i = 0; i < rounds; i++) {
        expect(state.links[users[i]!], `round ${i}: console unlink`).toBeUndefined();
        expect(state.calendar?.closures, `round ${i}: closure`).toContain(closure(i));
      }
      expect(Object.keys(state.links)).toHaveLength(users.length - rounds);
      expect(state.destinations).toMatchObject({ praise: 'dm', survey: 'off', 'update-survey': 'dm' });
      const audit = await withStore(login.configDir, (store) => store.audit.list({ limit: 0 }));
      expect(audit.filter((a) => a.action === 'link.remove' && a.where === 'console').map((a) => a.subject).sort()).toEqual(users.slice(0, rounds).sort());
      expect(audit.filter((a) => a.action === 'setting.set' && a.subject === 'calendar' && a.where === 'cli').length).toBeGreaterThanOrEqual(rounds);
    } finally {
      expect(await admin.stop()).toBe(0);
    }
  }, 400_000);
});
