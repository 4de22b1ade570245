import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { BACKENDS, DEMO_USERS, dmInbox, loggedInConfigDir, setUpDemo, type Backend } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const DEMO_LINES = readFileSync(DEMO_USERS, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
const HEADER = DEMO_LINES[0]!;
/** The demo directory as an export, with lines left out, changed or added. */
function exportOf(edit: (rows: string[]) => string[]): string {
  return `${[HEADER, ...edit(DEMO_LINES.slice(1))].join('\r\n')}\r\n`;
}
const without = (...ids: string[]) => (rows: string[]) => rows.filter((row) => !ids.some((id) => row.startsWith(`${id},`)));

async function setup(backend: Backend) {
  const login = await loggedInConfigDir(sandbox, backend);
  const cli = (args: string[], stdin?: string) => runCli([...login.args, ...args], { env: login.env, stdin });
  await setUpDemo(sandbox, cli, () => ({ survey: 'dm', 'update-survey': 'dm', praise: 'dm' }));
  const file = (name: string, text: string) => { const path = join(login.configDir, name); writeFileSync(path, text); return path; };
  // Every user row (retired ones too) and every link: what "nothing changed" compares.
  const snapshot = () => withStore(login.configDir, async (store) => {
    const rows = [];
    for await (const record of store.exportRecords()) if (record.kind === 'user' || record.kind === 'link') rows.push(record);
    return rows;
  });
  const sql = async (text: string): Promise<Record<string, unknown>[]> => {
    if (backend === 'sqlite') {
      const db = new DatabaseSync(join(login.configDir, 'state.db'));
      try { return /^\s*select/i.test(text) ? db.prepare(text).all() as Record<string, unknown>[] : (db.exec(text), []); } finally { db.close(); }
    }
    const client = new pg.Client({ connectionString: login.env.HIMANAGER_CHATWORK_STATE });
    await client.connect();
    try { return (await client.query(text)).rows; } finally { await client.end(); }
  };
  return { ...login, cli, file, snapshot, sql };
}

describe.each(BACKENDS)('users sync on %s', (backend) => {
  it('--dry-run shows the diff with the links it ends and changes nothing; the sync then does it all in one go', async () => {
    const f = await setup(backend);
    expect((await f.snapshot()).find((r) => r.kind === 'link' && r.userId === 'E0030')).toMatchObject({ accountId: 2_000_030 });
    const text = exportOf((rows) => [...without('E0030')(rows).map((row) => row.replace('山田 太郎,', '山田 太郎,').replace('taro.yamada@', 'taro.y@')),
      'E0031,新井 一郎,アライ イチロウ,ichiro.arai@sample.co.jp,営業部']);
    const before = await f.snapshot();
    const dry = await f.cli(['--lang', 'ja', 'users', 'sync', '--input', '-', '--dry-run'], text);
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')).toEqual(expect.arrayContaining([
      '追加: 新井 一郎（E0031）', '変更: 山田 太郎（E0001）: メールアドレス', '退職: 石井 翼（E0030）。アカウントID 2000030との紐付けを終了',
    ]));
    expect(dry.stderr).toContain('<stdin>: 30人。追加1人、変更1人、退職1人、復帰0人。');
    expect(dry.stderr).toContain('確認のみ（変更していません）。');
    expect(await f.snapshot()).toEqual(before);

    const done = await f.cli(['users', 'sync', '--input', f.file('hr.csv', text), '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({
      dryRun: false, refused: false, users: 30, active: 30, counts: { added: 1, changed: 1, retired: 1, reactivated: 0, linksEnded: 1 },
      added: ['E0031'], changed: [{ id: 'E0001', fields: ['email'] }], retired: [{ id: 'E0030', cause: 'absent', accountId: 2_000_030 }],
    });
    const after = await f.snapshot();
    // Retired, never deleted: the row stays (with when), the link is gone, and its history is kept.
    expect(after.find((r) => r.kind === 'user' && r.id === 'E0030')).toMatchObject({ status: 'retired', retiredAt: expect.any(String) });
    expect(after.find((r) => r.kind === 'link' && r.userId === 'E0030')).toBeUndefined();
    expect(await f.sql("SELECT user_id, account_id, reason FROM ended_links")).toEqual([{ user_id: 'E0030', account_id: backend === 'postgres' ? '2000030' : 2000030, reason: 'retired' }]);
    const listed = JSON.parse((await f.cli(['users', 'list', '--json'])).stdout) as { id: string }[];
    expect(listed.map((u) => u.id)).not.toContain('E0030');
    expect(listed.map((u) => u.id)).toContain('E0031');
  });

  it('is one transaction: a row that fails at the end leaves everything as it was', async () => {
    const f = await setup(backend);
    // The last write of a sync is the ended link's history row: refused here by the database itself.
    await f.sql(backend === 'sqlite'
      ? "CREATE TRIGGER refuse_history BEFORE INSERT ON ended_links WHEN NEW.user_id = 'E0030' BEGIN SELECT RAISE(ABORT, 'injected'); END"
      : `CREATE FUNCTION refuse_history() RETURNS trigger AS $$ BEGIN IF NEW.user_id = 'E0030' THEN RAISE EXCEPTION 'injected'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER refuse_history BEFORE INSERT ON ended_links FOR EACH ROW EXECUTE FUNCTION refuse_history()`);
    const before = await f.snapshot();
    const text = exportOf((rows) => [...without('E0030')(rows).map((row) => row.replace('山田 太郎,', '山田 太郎（改）,')), 'E0031,新井 一郎,,ichiro.arai@sample.co.jp,']);
    const failed = await f.cli(['users', 'sync', '--input', f.file('hr.csv', text)]);
    expect(failed.code).not.toBe(0);
    expect(await f.snapshot()).toEqual(before);
  });

  it('refuses a cut export (exit 3, naming the share and the flag) and changes nothing; --allow-mass-retire proceeds', async () => {
    const f = await setup(backend);
    const half = f.file('half.csv', exportOf((rows) => rows.slice(0, 15)));
    const before = await f.snapshot();
    const refused = await f.cli(['users', 'sync', '--input', half]);
    expect(refused.code).toBe(ExitCode.partial);
    expect(refused.stderr).toContain('15 of 30 people (50 %) would be retired: more than --max-retire-share 10 %. Nothing was changed.');
    expect(refused.stderr).toContain('--allow-mass-retire');
    expect(await f.snapshot()).toEqual(before);
    // users import follows the same rule and the same guard.
    expect((await f.cli(['users', 'import', half])).code).toBe(ExitCode.partial);
    expect((await f.cli(['users', 'sync', '--input', half, '--max-retire-share', '49'])).code).toBe(ExitCode.partial);
    expect(await f.snapshot()).toEqual(before);

    const allowed = await f.cli(['users', 'sync', '--input', half, '--allow-mass-retire', '--json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).counts).toMatchObject({ retired: 15 });
    expect((await f.cli(['users', 'sync', '--input', half, '--max-retire-share', 'lots'])).code).toBe(ExitCode.usage);
  });

  it('a retired person gets nothing (skip "retired", exit 0), frees their contact for someone new, and comes back without it', async () => {
    const f = await setup(backend);
    const leaver = f.file('leaver.csv', exportOf(without('E0030')));
    expect((await f.cli(['users', 'import', leaver])).code).toBe(0);
    const reminders = f.file('reminders.json', JSON.stringify([{ id: 'survey-1', type: 'survey', title: 'サーベイ', due: '2026-12-04', to: ['E0001', 'E0030'] }]));
    const sent = await f.cli(['send-reminders', '--input', reminders, '--json']);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout).recipients).toContainEqual({ reminderId: 'survey-1', recipient: 'E0030', outcome: 'skipped', reason: 'retired' });
    expect(dmInbox(sandbox).get(2_000_030) ?? []).toEqual([]);
    expect(dmInbox(sandbox).get(2_000_001)).toHaveLength(1);

    // The contact is free: a newcomer may have it.
    const newcomer = f.file('newcomer.csv', exportOf((rows) => [...without('E0030')(rows), 'E0031,石井 翼,イシイ ツバサ,tsubasa.ishii2@sample.co.jp,総務部']));
    expect((await f.cli(['users', 'sync', '--input', newcomer])).code).toBe(0);
    expect((await f.cli(['link', 'E0031', '2000030'])).code).toBe(0);
    // The leaver cannot be linked while retired.
    const refused = await f.cli(['link', 'E0030', '2000029']);
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('石井 翼 (E0030) is retired');

    // Back in a later export: the same row, active again, not linked (the contact is someone else's now).
    const back = await f.cli(['users', 'sync', '--input', f.file('back.csv', exportOf((rows) => [...rows, 'E0031,石井 翼,イシイ ツバサ,tsubasa.ishii2@sample.co.jp,総務部'])), '--json']);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ added: [], reactivated: ['E0030'], counts: { retired: 0 } });
    const users = JSON.parse((await f.cli(['users', 'list', '--json'])).stdout) as { id: string; linked: boolean; accountId: number | null }[];
    expect(users.find((u) => u.id === 'E0030')).toMatchObject({ linked: false, accountId: null });
    expect(users.find((u) => u.id === 'E0031')).toMatchObject({ linked: true, accountId: 2_000_030 });
    expect((await f.snapshot()).find((r) => r.kind === 'user' && r.id === 'E0030')).not.toHaveProperty('retiredAt');
  });

  it('reads 退職 and 休職 from a status column; 退職 retires, 休職 stays in the directory as on leave', async () => {
    const f = await setup(backend);
    const text = `${HEADER},在籍状況\r\n${DEMO_LINES.slice(1).map((row) => `${row},${row.startsWith('E0002,') ? '休職' : row.startsWith('E0003,') ? '退職' : '在籍'}`).join('\r\n')}\r\n`;
    const result = await f.cli(['users', 'sync', '--input', f.file('status.csv', text), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ changed: [{ id: 'E0002', fields: ['status'] }], retired: [{ id: 'E0003', cause: 'status' }] });
    const users = JSON.parse((await f.cli(['users', 'list', '--json'])).stdout) as { id: string; status?: string }[];
    expect(users.find((u) => u.id === 'E0002')).toMatchObject({ status: 'on-leave' });
    expect(users.map((u) => u.id)).not.toContain('E0003');
  });
});

describe('the sample exports of HR systems', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'hr-exports');
  it.each(readdirSync(dir))('%s imports with the CLI', async (name) => {
    const login = await loggedInConfigDir(sandbox);
    const result = await runCli([...login.args, 'users', 'import', join(dir, name), '--json'], { env: login.env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.counts.added).toBe(report.users);
    expect(report.users).toBeGreaterThanOrEqual(3);
    const users = JSON.parse((await runCli([...login.args, 'users', 'list', '--json'], { env: login.env })).stdout) as { name: string; email: string }[];
    expect(users.find((u) => u.email === 'taro.yamada@sample.co.jp')!.name).toBe(name === 'english.csv' ? 'Taro Yamada' : '山田 太郎');
  });
});
