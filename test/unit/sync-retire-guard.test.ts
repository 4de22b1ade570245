import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { syncDirectory, type DirectoryOptions } from '../../src/flows/sync-users.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

const HEADER = '社員番号,氏名,フリガナ,メールアドレス,部署\n';
const person = (i: number) => `E${String(i).padStart(4, '0')},社員 ${i},シャイン,e${i}@sample.co.jp,営業部\n`;
/** A users file with people 1..n, less those named. */
const file = (n: number, without: number[] = []) => HEADER + Array.from({ length: n }, (_, i) => i + 1).filter((i) => !without.includes(i)).map(person).join('');

let h: CommandHarness;
beforeEach(async () => { h = await commandHarness(); });
afterEach(() => h.close());

const sync = (text: string, options: DirectoryOptions = {}) =>
  h.invoke((_o, deps) => syncDirectory(deps, { name: 'users.csv', text, encoding: 'utf8' }, options).then(() => undefined), {});
const active = () => h.store(async (store) => (await store.users.all()).filter((u) => u.status !== 'retired').map((u) => u.id));

describe('users sync: the mass-retire guard', () => {
  beforeEach(async () => { expect((await sync(file(10))).code).toBe(0); });

  it('retiring exactly the allowed share (10 % by default) goes through', async () => {
    const result = await sync(file(10, [3]));
    expect(result.code).toBe(0);
    expect(await active()).toHaveLength(9);
  });

  it('one more than the share is refused: exit 3, nothing written, the numbers said', async () => {
    const result = await h.unchanged(() => sync(file(10, [3, 4])));
    expect(result.code).toBe(3);
    expect((result.error as { key: string; params: unknown }).key).toBe('directory.guard');
    expect((result.error as { params: unknown }).params).toEqual({ count: 2, active: 10, share: '20', max: '10' });
    // A refusal lists who would go, as a dry run does.
    expect(result.stdout).toContain('E0003');
  });

  it('--allow-mass-retire lets it through; so does a higher --max-retire-share', async () => {
    expect((await sync(file(10, [1, 2]), { maxRetireShare: '20%' })).code).toBe(0);
    expect(await active()).toHaveLength(8);
    expect((await sync(file(10, [1, 2, 3, 4, 5]), { allowMassRetire: true })).code).toBe(0);
    expect(await active()).toHaveLength(5);
  });

  it('--max-retire-share 0 refuses any retirement; a file that retires nobody passes it', async () => {
    expect((await h.unchanged(() => sync(file(10, [1]), { maxRetireShare: '0' }))).code).toBe(3);
    expect((await sync(file(11), { maxRetireShare: '0' })).code).toBe(0);
  });

  it('a dry run writes nothing, even when it would pass, and says so', async () => {
    const result = await h.unchanged(() => sync(file(10, [1]), { dryRun: true }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('E0001');
  });

  it('the share shown is rounded to one decimal', async () => {
    expect((await sync(file(13))).code).toBe(0);
    const result = await sync(file(13, [1, 2]), { maxRetireShare: '15.3' });
    expect((result.error as { params: unknown }).params).toMatchObject({ share: '15.4', max: '15.3' });
  });
});

describe('--max-retire-share', () => {
  it('takes 0 to 100, with or without %, spaces around', async () => {
    for (const value of ['0', '100', ' 50% ', '7.5']) expect((await sync(file(2), { maxRetireShare: value })).code, value).toBe(0);
  });

  it('refuses a negative, over 100, empty or non-number value (exit 2), naming it, changing nothing', async () => {
    for (const value of ['-1', '100.1', '101', '', ' ', 'ten', '5%%', 'Infinity']) {
      const result = await h.unchanged(() => sync(file(2), { maxRetireShare: value }));
      expect(result.error, value).toBeInstanceOf(UsageError);
      expect((result.error as UsageError).params).toEqual({ value });
    }
  });
});

describe('users sync: what it reports', () => {
  /** Ten people, the first two linked to Chatwork accounts. */
  beforeEach(async () => {
    await sync(file(10));
    await h.store((store) => store.links.set(new Map([
      ['E0001', { accountId: 2_000_001, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }],
      ['E0002', { accountId: 2_000_002, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }],
    ])));
  });
  const next = HEADER + person(2).replace('営業部', '人事部') + Array.from({ length: 8 }, (_, i) => person(i + 3)).join('') + person(11);

  it('written: the counts, and how many links ended; no list of people', async () => {
    const result = await sync(next);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatchInlineSnapshot(`
      "users.csv: 10 people. 1 added, 1 changed, 1 retired, 0 back.
      1 link(s) of retired people ended; those contacts can be linked to someone else. The history keeps them.
      "
    `);
  });

  it('a dry run: each person with what would change, the links that would end, and that nothing was written', async () => {
    const result = await sync(next, { dryRun: true });
    expect(result.stdout).toMatchInlineSnapshot(`
      "added: 社員 11 (E0011)
      changed: 社員 2 (E0002): department
      retired: 社員 1 (E0001); the link to account 2000001 ends
      "
    `);
    expect(result.stderr).toMatchInlineSnapshot(`
      "users.csv: 10 people. 1 added, 1 changed, 1 retired, 0 back.
      1 link(s) of retired people would end.
      Dry run: nothing was changed.
      "
    `);
  });

  it('--json: the counts and every person; no link ends in a dry run', async () => {
    const dry = JSON.parse((await sync(next, { dryRun: true, json: true })).stdout);
    expect(dry).toMatchObject({ file: 'users.csv', encoding: 'utf8', dryRun: true, refused: false, users: 10, active: 10, retireShare: 10, maxRetireShare: 10 });
    expect(dry.counts).toEqual({ added: 1, changed: 1, retired: 1, reactivated: 0, linksEnded: 0 });
    expect(dry.retired).toEqual([{ id: 'E0001', cause: expect.any(String), accountId: 2_000_001 }]);
    expect(dry.changed).toEqual([{ id: 'E0002', fields: expect.any(Array) }]);
    const written = JSON.parse((await sync(next, { json: true })).stdout);
    expect(written).toMatchObject({ dryRun: false, counts: { linksEnded: 1 } });
    const back = JSON.parse((await sync(file(11), { json: true })).stdout);
    expect(back.reactivated).toEqual(['E0001']);
    expect(back.retired).toEqual([]);
  });

  it('someone coming back is told as back', async () => {
    await sync(next);
    const result = await sync(file(11), { dryRun: true });
    expect(result.stdout).toContain('E0001');
    expect(result.stdout).toMatchInlineSnapshot(`
      "changed: 社員 2 (E0002): department
      back: 社員 1 (E0001), active again without the old link
      "
    `);
  });
});

describe('users sync: what changes with the directory', () => {
  const LEAVE_HEADER = '社員番号,氏名,フリガナ,メールアドレス,部署,休職開始日\n';
  const leaves = () => h.store(async (store) => (await store.leave.all()).map((l) => [l.userId, l.from, l.source]));

  it('the file\'s leave columns replace the directory\'s leaves; a dry run or a refusal leaves them as they were', async () => {
    const withLeave = (n: number, without: number[] = []) => LEAVE_HEADER + Array.from({ length: n }, (_, i) => i + 1).filter((i) => !without.includes(i))
      .map((i) => person(i).replace('\n', i === 5 ? ',2026-12-01\n' : ',\n')).join('');
    expect((await sync(withLeave(10), { dryRun: true })).code).toBe(0);
    expect(await leaves()).toEqual([]);
    expect((await sync(withLeave(10))).code).toBe(0);
    expect(await leaves()).toEqual([['E0005', '2026-12-01', 'directory']]);
    expect((await sync(withLeave(10, [1, 2]).replace(',2026-12-01', ','))).code).toBe(3);
    expect(await leaves()).toEqual([['E0005', '2026-12-01', 'directory']]);
    expect((await sync(file(10))).code).toBe(0);
    expect(await leaves()).toEqual([]);
  });

  it('a held delivery to someone whose link ends with their retirement is withdrawn at once; not on a dry run or a refusal', async () => {
    await sync(file(10));
    await h.store(async (store) => {
      await store.links.set(new Map([['E0001', { accountId: 2_000_001, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }]]));
      await store.destinations.set('survey', 'dm');
      await store.deliveries.defer({ key: 'held-1', roomId: 900, pairs: [['r1', 'E0001']], bodyHash: 'h', type: 'survey', at: 1, body: 'b', until: 2 });
    });
    const held = () => h.store(async (store) => (await store.deliveries.outbox()).length);
    await sync(file(10, [1]), { dryRun: true });
    expect(await held()).toBe(1);
    await sync(file(10, [1]), { maxRetireShare: '5' });
    expect(await held()).toBe(1);
    await sync(file(10, [1]));
    expect(await held()).toBe(0);
  });

  it('--json of a refusal: refused, and no link counted as ended', async () => {
    await sync(file(10));
    await h.store((store) => store.links.set(new Map([['E0001', { accountId: 2_000_001, source: 'manual' as const, linkedAt: '2026-11-24T00:00:00Z' }]])));
    const refused = await sync(file(10, [1, 2]), { json: true });
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({ refused: true, dryRun: false, retireShare: 20, counts: { retired: 2, linksEnded: 0 } });
    expect(JSON.parse(refused.stdout).retired).toEqual([{ id: 'E0001', cause: expect.any(String), accountId: 2_000_001 }, { id: 'E0002', cause: expect.any(String) }]);
  });

  it('someone retired with no link, and a change of two fields, as the dry run lists them', async () => {
    await sync(file(10));
    const text = file(10, [3]).replace('E0002,社員 2,シャイン,e2@sample.co.jp,営業部', 'E0002,社員 二,シャイン,e2@sample.co.jp,人事部');
    expect((await sync(text, { dryRun: true })).stdout).toMatchInlineSnapshot(`
      "changed: 社員 二 (E0002): name, department
      retired: 社員 3 (E0003)
      "
    `);
  });
});
