import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runBin } from '../helpers/run-cli.js';
import { readState } from '../helpers/state.js';

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
    for (let batch = 0; batch < rounds; batch += 5) {
      const results = await Promise.all(Array.from({ length: 5 }, (_, k) => batch + k).flatMap((i) => [
        cli(['unlink', users[i]!]),
        cli(['calendar', 'add-closure', closure(i)]),
        cli(['destinations', 'set', types[i % 3]!, i % 2 ? 'dm' : 'off']),
      ]));
      for (const result of results) expect(result.code, result.stderr).toBe(0);
    }
    const state = await readState(login.configDir);
    for (let i = 0; i < rounds; i++) {
      expect(state.links[users[i]!], `round ${i}: unlink`).toBeUndefined();
      expect(state.calendar?.closures, `round ${i}: closure`).toContain(closure(i));
    }
    expect(Object.keys(state.links)).toHaveLength(users.length - rounds);
    // Each type holds a value some round of the last batch set (their order within a batch is the race).
    for (const type of types) expect(['dm', 'off']).toContain(state.destinations[type]);
  }, 180_000);
});
