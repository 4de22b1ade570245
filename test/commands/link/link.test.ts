import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/link/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { demoDirectory } from '../../helpers/command-fixtures.js';

describe('link: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await demoDirectory(h); });
  afterEach(() => h.close());

  it('links a user to a contact named by Chatwork ID, as a confirmed manual link', async () => {
    const result = await h.invoke(run, { user: 'E0003', contact: 'ichiro_takahashi' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Linked 高橋 一郎 (E0003) → 髙橋 一郎 (2000003).
      "
    `);
    expect((await h.store((store) => store.links.all())).get('E0003')).toMatchObject({ accountId: 2000003, source: 'manual' });
  });

  it('links by name matching with --auto --yes: the unambiguous ones only', async () => {
    const result = await h.invoke(run, { auto: true, yes: true, json: true });
    expect(result.code).toBe(0);
    const links = await h.store((store) => store.links.all());
    // E0027 and E0028 are no contacts yet: never linked, whoever shares their name.
    expect(links.has('E0027')).toBe(false);
    expect(links.has('E0028')).toBe(false);
    expect(Object.fromEntries([...links].map(([user, l]) => [user, l.accountId]))).toMatchInlineSnapshot(`
      {
        "E0001": 2000001,
        "E0002": 2000002,
        "E0003": 2000003,
        "E0004": 2000004,
        "E0005": 2000005,
        "E0006": 2000006,
        "E0007": 2000007,
        "E0008": 2000008,
        "E0009": 2000009,
        "E0010": 2000010,
        "E0011": 2000011,
        "E0012": 2000012,
        "E0013": 2000013,
        "E0014": 2000014,
        "E0015": 2000015,
        "E0016": 2000016,
        "E0017": 2000017,
        "E0018": 2000018,
        "E0019": 2000019,
        "E0020": 2000020,
        "E0021": 2000021,
        "E0022": 2000022,
        "E0023": 2000023,
        "E0024": 2000024,
        "E0025": 2000025,
        "E0026": 2000026,
        "E0029": 2000029,
        "E0030": 2000030,
      }
    `);
    expect(Object.keys(JSON.parse(result.stdout))).toMatchInlineSnapshot(`
      [
        "dryRun",
        "applied",
        "review",
        "unmatched",
      ]
    `);
  });

  it('refuses a contact that is already another user\'s (exit 2), changing nothing', async () => {
    await h.invoke(run, { user: 'E0001', contact: '2000001' });
    const result = await h.unchanged(() => h.invoke(run, { user: 'E0002', contact: '2000001' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: the contact 山田太郎 (2000001) is already linked to user E0001; one contact is never linked to two users (unlink E0001 first).
      "
    `);
  });
});
