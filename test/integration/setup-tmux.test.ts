import { readState } from '../helpers/state.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { consent, getLoopback } from '../helpers/fake-browser.js';
import { DEMO_USERS, hrRoomId, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { BIN } from '../helpers/run-cli.js';
import { TmuxSession, tmuxTool } from '../helpers/tmux.js';


describe.skipIf(!tmuxTool.available)('setup, driven in a real terminal (tmux), in Japanese and English', () => {
  let sandbox: Sandbox;
  let session: TmuxSession | undefined;
  beforeAll(async () => { sandbox = await startSandbox(); });
  afterAll(async () => {
    session?.kill();
    await sandbox.stop();
  });

  it('walks all seven steps: client, login (with a wrong client ID first), users, links, destinations, test message', async () => {
    const redirectUri = 'https://127.0.0.1:18978/oauth2/chatwork/';
    const client = sandbox.control.registerClient({ name: 'HiManager', redirectUris: [redirectUri] });
    const configDir = mkdtempSync(join(tmpdir(), 'hmcw-setup-'));
    session = TmuxSession.start([process.execPath, BIN, '--config-dir', configDir, '--secret-store', 'file', 'setup', '--redirect-uri', redirectUri],
      { ...sandbox.env, LANG: 'ja_JP.UTF-8', HOME: configDir, PATH: process.env.PATH ?? '' });
    const s = session;

    await s.waitFor(/\[1\/7\] 通知を送るChatworkアカウント/);
    await s.waitFor(/クライアントタイプ: コンフィデンシャル/);
    expect(s.screen()).toContain(redirectUri);
    expect(s.screen()).toContain('永続的なAPIアクセスの許可');
    await s.waitFor(/ヘルプページを開きますか/);
    await s.type('n');

    // A client ID of the right shape but not registered: Chatwork shows its error page.
    await s.waitFor(/OAuthクライアントID/);
    await s.type('client-000000000000');
    await s.waitFor(/クライアントシークレット/);
    await s.type(client.clientSecret);
    const wrongUrl = (await s.waitFor(/^(http:\/\/127\.0\.0\.1:\d+\/packages\/oauth2\/login\.php\?\S+)$/m))[1]!;
    const errorPage = await fetch(wrongUrl);
    expect(errorPage.status).toBe(400);
    expect(await errorPage.text()).toContain('不正な client_id です');
    await s.waitFor(/rと入力してEnterを押すと入力し直せます/);
    await s.type('r');

    await s.waitFor(/\[3\/7\][\s\S]*\[3\/7\]/);
    await s.press('C-u');
    await s.type(client.clientId);
    await s.waitFor(/クライアントシークレット[\s\S]*クライアントシークレット[\s\S]*クライアントシークレット/);
    await s.type(client.clientSecret);
    const urls = [...s.screen().matchAll(/^(http:\/\/127\.0\.0\.1:\d+\/packages\/oauth2\/login\.php\?\S+)$/gm)].map((m) => m[1]!);
    const goodUrl = await (async () => {
      for (let i = 0; i < 50; i++) {
        const found = [...s.screen().matchAll(/^(http:\/\/127\.0\.0\.1:\d+\/packages\/oauth2\/login\.php\?\S+)$/gm)].map((m) => m[1]!).find((u) => u.includes(client.clientId));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no authorize URL with the right client; saw ${urls.join('\n')}`);
    })();
    expect((await getLoopback(await consent(sandbox, goodUrl, 'allow'), configDir)).status).toBe(200);
    await s.waitFor(/Chatworkと連携しました（連携アカウント: HiManager通知、アカウントID 1000001）。通知はこのアカウントから送信されます。/);
    expect(s.screen()).not.toContain(client.clientSecret);

    await s.waitFor(/ユーザー一覧ファイルのパス/);
    await s.type(DEMO_USERS);
    await s.waitFor(/: 30人。追加30人/);
    await s.waitFor(/どのように適用しますか/);
    await s.press('Enter'); // all 28 unambiguous matches
    // The two people who are not contacts: the invitation, and how their requests get approved.
    await s.waitFor(/30人中28人に通知を届けられます。2人はまだ連携アカウントのコンタクトではありません。/);
    await s.waitFor(/案内文（社内告知に貼り付けられる文面）を作成しますか/);
    await s.type('y');
    await s.waitFor(/案内文の保存先ファイル/);
    await s.press('Enter'); // the default, in the config dir
    await s.waitFor(/2人分の案内文を.*invitation\.txtに書き出しました。/);
    await s.waitFor(/0 9 \* \* 1-5  himanager-chatwork contacts approve --auto --yes/);

    await s.waitFor(/連携アカウントが閲覧のみのため、選択肢に含めていません: 経営会議/);
    await s.waitFor(/称賛の送信先/);
    await s.press('Enter'); // DM
    await s.waitFor(/サーベイの送信先/);
    await s.press('Down', 'Down', 'Enter'); // 人事部 HiManager通知
    await s.waitFor(/アップデートサーベイの送信先/);
    await s.press('Up', 'Enter'); // off (the list wraps)

    await s.waitFor(/テストメッセージを送信しますか/);
    await s.press('Enter'); // My Chat
    await s.waitFor(/設定が完了しました/);
    await s.waitFor(/EXIT:0/);
    // What the admin saw, kept for a person to read.
    writeFileSync(join(process.env.SCREENSHOT_DIR ?? tmpdir(), 'hmcw-setup-screen.txt'), s.screen());

    const settings = await readState(configDir);
    const hr = hrRoomId(sandbox);
    expect(settings.destinations).toEqual({ praise: 'dm', survey: `room:${hr}`, 'update-survey': 'off' });
    expect(Object.keys(settings.links)).toHaveLength(28);
    expect(readFileSync(join(configDir, 'invitation.txt'), 'utf8')).toContain('対象の方: 岡田 佳奈さん、後藤 駿さん');
    expect(settings.clientId).toBe(client.clientId);
    const myChat = [...sandbox.control.state.rooms.values()].find((r) => r.type === 'my' && r.members.has(1_000_001))!;
    expect(myChat.messages).toHaveLength(1);
    expect(myChat.messages[0]!.body).toContain('サーベイのお願い');
  }, 90_000);

  it('in English, on a configured install: changing the destinations names the read-only room before the first choice', async () => {
    const login = await loggedInConfigDir(sandbox);
    await linkAllContacts(sandbox, login.configDir);
    session?.kill();
    session = TmuxSession.start([process.execPath, BIN, ...login.args, 'setup'],
      { ...sandbox.env, LANG: 'en_US.UTF-8', HOME: login.configDir, PATH: process.env.PATH ?? '' });
    const s = session;
    await s.waitFor(/Already set up: sending as/);
    await s.waitFor(/What do you want to change\?/);
    await s.press('Down', 'Down', 'Enter'); // the destinations
    await s.waitFor(/The account may only read in these group chats, so they are not offered: 経営会議/);
    await s.waitFor(/Destination of praise/i);
    // The choices offered: writable group chats, never the read-only one the banner named.
    await s.waitFor(/group chat .+ \(room ID \d+\)/);
    const choices = s.screen().split(/Destination of praise/i).at(-1)!;
    expect(choices).toMatch(/group chat .+ \(room ID \d+\)/);
    expect(choices).not.toContain('経営会議');
    await s.press('Enter'); // DM
    await s.waitFor(/Destination of survey/i);
    await s.press('Enter');
    await s.waitFor(/Destination of update/i);
    await s.press('Enter');
    await s.waitFor(/Setup is complete/);
    await s.waitFor(/EXIT:0/);
    expect((await readState(login.configDir)).destinations.praise).toBe('dm');
  }, 60_000);
});
