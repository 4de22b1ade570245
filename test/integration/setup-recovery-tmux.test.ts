import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { consent, getLoopback } from '../helpers/fake-browser.js';
import { BIN, runBin } from '../helpers/run-cli.js';
import { TmuxSession, tmuxTool } from '../helpers/tmux.js';

const AUTHORIZE_URL = /^(http:\/\/127\.0\.0\.1:\d+\/packages\/oauth2\/login\.php\?\S+)$/gm;

const WORDS = {
  ja: {
    lang: 'ja_JP.UTF-8',
    help: /ヘルプページを開きますか/,
    keychain: /OSのキーチェーンに秘密情報を保存できません/,
    useFile: /このファイルに保存しますか/,
    answeredYes: /このファイルに保存しますか？ はい/,
    clientId: /OAuthクライアントID/,
    secret: /クライアントシークレット（入力は表示されません）/,
    rejected: /クライアントシークレットが誤っています/,
    pageRejected: '連携できませんでした',
    pageOk: '連携が完了しました',
    connected: /Chatworkと連携しました（連携アカウント: HiManager通知、アカウントID 1000001）。通知はこのアカウントから送信されます。/,
    usersFile: /ユーザー一覧ファイルのパス/,
    cancelled: /キャンセルしました。/,
  },
  en: {
    lang: 'en_US.UTF-8',
    help: /Open Chatwork's help page/,
    keychain: /The secrets cannot be kept in the OS keychain/,
    useFile: /Keep the secrets in that file\?/,
    answeredYes: /Keep the secrets in that file\? Yes/,
    clientId: /OAuth client ID/,
    secret: /OAuth client secret \(input hidden\)/,
    rejected: /the client secret is wrong/,
    pageRejected: 'The connection did not work',
    pageOk: 'Authorization received',
    connected: /Connected to Chatwork as HiManager通知 \(account 1000001\)/,
    usersFile: /Path of the user directory/,
    cancelled: /cancelled\./,
  },
} as const;

async function latestUrl(s: TmuxSession, count: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const urls = [...s.screen().matchAll(AUTHORIZE_URL)].map((m) => m[1]!);
    if (urls.length >= count) return urls[count - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${count} authorize URLs on the screen:\n${s.screen()}`);
}

describe.skipIf(!tmuxTool.available)('setup recovers in a real terminal: no keychain, then a wrong client secret', () => {
  let sandbox: Sandbox;
  const sessions: TmuxSession[] = [];
  beforeAll(async () => { sandbox = await startSandbox(); });
  afterAll(async () => {
    for (const session of sessions) session.kill();
    await sandbox.stop();
  });

  for (const lang of ['ja', 'en'] as const) {
    it(`in ${lang}: offers the file store, asks the secret again after invalid_client, remembers both`, async () => {
      const w = WORDS[lang];
      const port = lang === 'ja' ? 18981 : 18982;
      const redirectUri = `https://127.0.0.1:${port}/oauth2/chatwork/`;
      const client = sandbox.control.registerClient({ name: 'HiManager', redirectUris: [redirectUri] });
      const configDir = mkdtempSync(join(tmpdir(), 'hmcw-recover-'));
      // No session bus: the keychain is unavailable, as on a server. No --secret-store given.
      const env = { ...sandbox.env, LANG: w.lang, HOME: configDir, PATH: process.env.PATH ?? '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
      const s = TmuxSession.start([process.execPath, BIN, '--config-dir', configDir, 'setup', '--redirect-uri', redirectUri], env);
      sessions.push(s);

      await s.waitFor(w.help);
      await s.type('n');
      // Item 2: the keychain is checked before the secret is asked for, and the file store offered.
      await s.waitFor(w.keychain);
      await s.waitFor(w.useFile);
      await s.press('Enter');
      // inquirer's answer in the admin's language (item 7).
      await s.waitFor(w.answeredYes);
      await s.waitFor(w.clientId);
      await s.type(client.clientId);
      await s.waitFor(w.secret);
      await s.type('wrong-secret-0000');

      // Item 3: the browser is not told it worked when the token endpoint says invalid_client.
      const first = await latestUrl(s, 1);
      const rejected = await getLoopback(await consent(sandbox, first, 'allow'), configDir);
      expect(rejected.status).toBe(400);
      expect(rejected.body).toContain(w.pageRejected);
      await s.waitFor(w.rejected);
      // Back to the secret, with the client ID kept.
      await s.waitFor(new RegExp(`${w.secret.source}[\\s\\S]*${w.secret.source}`));
      await s.type(client.clientSecret);
      const second = await latestUrl(s, 2);
      const accepted = await getLoopback(await consent(sandbox, second, 'allow'), configDir);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toContain(w.pageOk);
      await s.waitFor(w.connected);
      expect(s.screen()).not.toContain(client.clientSecret);

      // A cancel is not an error.
      await s.waitFor(w.usersFile);
      await s.press('C-c');
      await s.waitFor(/EXIT:130/);
      expect(s.screen()).toMatch(w.cancelled);
      expect(s.screen()).not.toMatch(/エラー: キャンセル|Error: cancelled/);

      // Item 1: the choice is remembered; a later command needs no flag.
      expect(JSON.parse(readFileSync(join(configDir, 'preferences.json'), 'utf8'))).toMatchObject({ secretStore: 'file', clientId: client.clientId });
      const status = await runBin(['--config-dir', configDir, 'auth', 'status', '--json'], { env });
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ secretStore: { backend: 'file' } });
    }, 90_000);
  }

  it('declining the file store ends the wizard at once with the reason (exit 1), never a silent hang', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'hmcw-recover-'));
    const env = { ...sandbox.env, LANG: 'ja_JP.UTF-8', HOME: configDir, PATH: process.env.PATH ?? '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const s = TmuxSession.start([process.execPath, BIN, '--config-dir', configDir, 'setup'], env);
    sessions.push(s);
    await s.waitFor(WORDS.ja.help);
    await s.type('n');
    await s.waitFor(WORDS.ja.useFile);
    await s.type('n');
    await s.waitFor(/EXIT:1/);
    expect(s.screen()).toMatch(/エラー: OSのキーチェーンを利用できません/);
    expect(s.screen()).toContain('--secret-store file');
  }, 60_000);
});
