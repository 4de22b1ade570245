import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBody } from '../../src/delivery/body-hash.js';
import { ExitCode } from '../../src/errors/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { dmInbox, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { BIN, runCli } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';

// A config dir written by the previous version: settings.json and ledger.jsonl, imported once.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(6), randomSeed: 5 }); });
afterAll(async () => { await sandbox.stop(); });

const line = (record: object) => `${JSON.stringify(record)}\n`;
const pair = (r: string, u: string) => [r, u];

function legacyDir(ledger: string, settings: object = legacySettings()): string {
  const dir = mkdtempSync(join(tmpdir(), 'hmcw-legacy-'));
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings), { mode: 0o600 });
  writeFileSync(join(dir, 'ledger.jsonl'), ledger, { mode: 0o600 });
  return dir;
}

function legacySettings(extra: object = {}) {
  return {
    schemaVersion: 1, clientId: 'client-1234', redirectUri: 'https://127.0.0.1:8976/oauth2/chatwork/',
    account: { accountId: 1000001, name: 'HiManager通知', chatworkId: 'himanager_notify' },
    users: [{ id: 'E1', name: '山田 太郎', email: 'taro@example.jp', department: '営業部' }, { id: 'E2', name: '佐藤 花子', email: 'hanako@example.jp' }],
    links: { E1: { accountId: 2000001, source: 'auto', linkedAt: '2026-11-01T00:00:00Z' } },
    destinations: { survey: 'dm', praise: 'room:42' },
    templates: { survey: { ja: '{to}\n{title}' } }, messageLang: 'ja',
    calendar: { timeZone: 'Asia/Tokyo', window: { start: '10:00', end: '17:00' }, weekendsOff: true, holidays: true, closures: [], extraDates: [], policy: { survey: 'defer' } },
    ...extra,
  };
}

const ledgerText = [
  line({ op: 'intent', key: 'r1\u001fE1', room: 11, pairs: [pair('r1', 'E1')], hash: 'h1', at: 1000 }),
  line({ op: 'sent', key: 'r1\u001fE1', message: 'm1', how: 'posted', at: 1001 }),
  line({ op: 'intent', key: 'r2\u001fE1', room: 11, pairs: [pair('r2', 'E1')], hash: 'h2', at: 2000 }),
  line({ op: 'deferred', key: 'r3\u001fE2', room: 12, pairs: [pair('r3', 'E2')], hash: 'h3', body: 'あとで', type: 'survey', until: 9000, at: 3000 }),
  line({ op: 'intent', key: 'r4\u001fE2', room: 12, pairs: [pair('r4', 'E2')], hash: 'h4', at: 4000 }),
  line({ op: 'failed', key: 'r4\u001fE2', reason: 'HTTP 403: forbidden', at: 4001 }),
  line({ op: 'run', outcome: { delivered: 1, failed: 1, skipped: 0, exitCode: 3, startedAt: 900 }, at: 5000 }),
  '{"op":"sent","key":"r2\u001fE1","mess', // torn by a crash mid-write
].join('');

describe('first start on a config dir of the previous version', () => {
  it('imports everything exactly, says so once, keeps the old files as a dated backup, and imports nothing the second time', async () => {
    const dir = legacyDir(ledgerText);
    const first = await runCli(['--config-dir', dir, 'state', 'info', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ backend: 'sqlite', users: 2, links: 1, deliveries: 4, deferred: 1, inFlight: 1, runs: 1 });
    expect(first.stderr.match(/Imported the previous version's state/g)).toHaveLength(1);
    expect(first.stderr).toContain('2 users, 1 links, 4 deliveries');
    expect(first.stderr).toContain('last line of the old ledger was cut short');
    const files = readdirSync(dir);
    expect(files.filter((f) => /^settings\.json\.before-\d{8}-\d{6}$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => /^ledger\.jsonl\.before-\d{8}-\d{6}$/.test(f))).toHaveLength(1);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);

    await withStore(dir, async (store) => {
      const config = await store.config.get();
      expect(config).toMatchObject({ clientId: 'client-1234', account: { accountId: 1000001 }, templates: { survey: { ja: '{to}\n{title}' } } });
      expect(config.calendar?.window).toEqual({ start: '10:00', end: '17:00' });
      expect(await store.destinations.all()).toEqual({ survey: 'dm', praise: 'room:42' });
      expect(await store.users.all()).toEqual([
        { id: 'E1', name: '山田 太郎', email: 'taro@example.jp', department: '営業部' }, { id: 'E2', name: '佐藤 花子', email: 'hanako@example.jp' },
      ]);
      expect(await store.deliveries.entry('r1\u001fE1')).toMatchObject({ status: 'sent', messageId: 'm1', bodyHash: 'h1', roomId: 11 });
      // In flight before the upgrade: still in flight, to be reconciled, never re-sent blindly.
      expect(await store.deliveries.entry('r2\u001fE1')).toMatchObject({ status: 'in-flight', intentAt: 2000 });
      expect(await store.deliveries.entry('r3\u001fE2')).toMatchObject({ status: 'deferred', deferred: { body: 'あとで', type: 'survey', until: 9000 } });
      expect(await store.deliveries.entry('r4\u001fE2')).toMatchObject({ status: 'failed', reason: 'HTTP 403: forbidden' });
      expect(await store.deliveries.recentRuns()).toEqual([{ at: 5000, startedAt: 900, delivered: 1, failed: 1, skipped: 0, deferred: 0, exitCode: 3 }]);
    });
    const second = await runCli(['--config-dir', dir, 'state', 'info', '--json']);
    expect(second.stderr).not.toContain('Imported');
    expect(JSON.parse(second.stdout)).toMatchObject({ users: 2, deliveries: 4 });
  });

  it('refuses a ledger with an unreadable line that is not the last, naming it, and imports nothing', async () => {
    const lines = ledgerText.split('\n');
    lines[2] = lines[2]!.replace('"op"', '"o\u0000p" x');
    const dir = legacyDir(`${lines.slice(0, -1).join('\n')}\n`);
    const result = await runCli(['--config-dir', dir, 'users', 'list', '--json']);
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain(`${join(dir, 'ledger.jsonl')}: line 3 cannot be read`);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });

  it('names the field of a settings.json it cannot import, and changes nothing', async () => {
    const dir = legacyDir('', legacySettings({ calendar: { timeZone: 'Mars/Olympus', window: { start: '09:00', end: '18:00' }, weekendsOff: true, holidays: true, closures: [], extraDates: [], policy: {} } }));
    const result = await runCli(['--config-dir', dir, 'state', 'info']);
    expect(result.code).toBe(ExitCode.error);
    expect(result.stderr).toContain('calendar.timeZone');
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });

  it('refuses to import into a store that already holds state (one user is enough), and changes nothing; an empty store takes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-legacy-'));
    await withStore(dir, (store) => store.users.replaceAll([{ id: 'X1', name: '既存 一郎', email: 'x1@example.jp' }]));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(legacySettings()), { mode: 0o600 });
    writeFileSync(join(dir, 'ledger.jsonl'), ledgerText, { mode: 0o600 });
    const refused = await runCli(['--config-dir', dir, 'state', 'info', '--json']);
    expect(refused.code).toBe(ExitCode.error);
    expect(refused.stderr).toContain(`${dir} holds files of a previous version (settings.json, ledger.jsonl), but ${join(dir, 'state.db')} already holds state. Nothing was imported.`);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
    expect(existsSync(join(dir, 'ledger.jsonl'))).toBe(true);
    const db = new DatabaseSync(join(dir, 'state.db'));
    expect(db.prepare('SELECT id FROM users').all()).toEqual([{ id: 'X1' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM settings WHERE key IN ('legacyImport', 'clientId')").get()).toEqual({ n: 0 });
    // Emptied, the same store takes the files.
    db.prepare('DELETE FROM users').run();
    db.close();
    const imported = await runCli(['--config-dir', dir, 'state', 'info', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ users: 2, deliveries: 4 });
  });

  it('holds the replayed ledger to the dump rules: a NUL or a fractional time is named, and nothing is imported', async () => {
    for (const [bad, field] of [[{ op: 'intent', key: 'n1', room: 11, pairs: [pair('r\u0000', 'E1')], hash: 'h', at: 1 }, 'reminderId: NUL character'],
      [{ op: 'intent', key: 'n2', room: 11, pairs: [pair('r9', 'E1')], hash: 'h', at: 1.5 }, 'intentAt:']] as const) {
      const dir = legacyDir(line(bad));
      const result = await runCli(['--config-dir', dir, 'state', 'info']);
      expect(result.code, result.stderr).toBe(ExitCode.error);
      expect(result.stderr).toContain(`${join(dir, 'ledger.jsonl')}`);
      expect(result.stderr).toContain(`: ${field}`);
      expect(existsSync(join(dir, 'ledger.jsonl'))).toBe(true);
    }
  });

  it('killed in the middle of a large import: nothing half-imported, and the next start imports it all', async () => {
    const big = Array.from({ length: 60_000 }, (_, i) => line({ op: 'intent', key: `b${i}\u001fE1`, room: 11, pairs: [pair(`b${i}`, 'E1')], hash: 'h', at: i }) + line({ op: 'sent', key: `b${i}\u001fE1`, message: `mb${i}`, how: 'posted', at: i + 1 })).join('');
    const dir = legacyDir(big);
    let killedMidImport = 0;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, [BIN, '--config-dir', dir, 'state', 'info', '--json'], { stdio: 'ignore' });
      // Killed on an event: once the import's transaction has started writing (the -wal file grows).
      const wal = join(dir, 'state.db-wal');
      const watch = setInterval(() => { if (existsSync(wal) && statSync(wal).size > 1_000_000) child.kill('SIGKILL'); }, 5);
      const [, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
      clearInterval(watch);
      if (signal !== 'SIGKILL') break;
      killedMidImport += 1;
      // Read raw, without opening the store (which would import).
      const db = new DatabaseSync(join(dir, 'state.db'));
      const rows = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'deliveries'").get() as { n: number };
      if (rows.n) expect(db.prepare('SELECT COUNT(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
      db.close();
      expect(existsSync(join(dir, 'ledger.jsonl'))).toBe(true);
    }
    expect(killedMidImport).toBeGreaterThan(0);
    const result = await runCli(['--config-dir', dir, 'state', 'info', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ deliveries: 60_000, users: 2 });
  }, 60_000);
});

describe('a delivery in flight before the upgrade', () => {
  it('is reconciled against the room after the import, never sent again', async () => {
    sandbox.control.reset();
    const login = await loggedInConfigDir(sandbox);
    const users = await linkAllContacts(sandbox, login.configDir);
    const reminders = join(login.configDir, 'reminders.json');
    writeFileSync(reminders, JSON.stringify([{ id: 'up1', type: 'survey', to: users[0], title: 'アップグレード前' }]));
    // What the previous version did before it died: the POST reached Chatwork, the outcome was never written.
    expect((await runCli([...login.args, 'send-reminders', '--input', reminders], { env: login.env })).code).toBe(0);
    const posted = [...dmInbox(sandbox).values()].flat();
    expect(posted).toHaveLength(1);
    const entry = await withStore(login.configDir, (store) => store.deliveries.entry(`up1\u001f${users[0]}`));
    const upgraded = mkdtempSync(join(tmpdir(), 'hmcw-legacy-'));
    const dump = await withStore(login.configDir, async (store) => ({
      config: await store.config.get(), users: await store.users.all(), links: Object.fromEntries(await store.links.all()), destinations: await store.destinations.all(),
    }));
    writeFileSync(join(upgraded, 'settings.json'), JSON.stringify({ schemaVersion: 1, ...dump.config, users: dump.users, links: dump.links, destinations: dump.destinations }));
    writeFileSync(join(upgraded, 'ledger.jsonl'), line({ op: 'intent', key: entry!.key, room: entry!.roomId, pairs: entry!.pairs, hash: hashBody(posted[0]!), at: entry!.intentAt }));
    writeFileSync(join(upgraded, 'secrets.json'), readSecrets(login.configDir), { mode: 0o600 });
    const rerun = await runCli(['--config-dir', upgraded, '--secret-store', 'file', 'send-reminders', '--input', reminders, '--json'], { env: login.env });
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout).recipients[0]).toMatchObject({ outcome: 'delivered', how: 'reconciled' });
    expect([...dmInbox(sandbox).values()].flat()).toHaveLength(1);
  });
});

function readSecrets(configDir: string): string {
  return readFileSync(join(configDir, 'secrets.json'), 'utf8');
}
