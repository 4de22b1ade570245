/** The sandbox command: the local Chatwork emulator, its options and what it prints. catalog.ts spreads them into the one catalog. */
export const sandboxCatalog = {
  // what it says
  'sandbox.badSeed': { en: '--seed must be demo or empty, not "{value}".', ja: '--seedにはdemoかemptyを指定してください（指定値: "{value}"）。' },
  'sandbox.badPort': { en: '--port must be a port number from 0 to 65535, not "{value}".', ja: '--portには0〜65535のポート番号を指定してください（指定値: "{value}"）。' },
  'sandbox.badLimit': { en: '{flag} must look like 300/300s or 10/10s, not "{value}".', ja: '{flag}は300/300sや10/10sの形式で指定してください（指定値: "{value}"）。' },
  'sandbox.portBusy': { en: 'port {port} is already in use; choose another with --port, or --port 0 for any free port.', ja: 'ポート{port}は使用中です。--portで別のポートを指定するか、--port 0で空きポートを使ってください。' },
  'sandbox.started': { en: 'Chatwork sandbox running at {url} (127.0.0.1 only). Nothing here reaches the real Chatwork.', ja: 'Chatworkサンドボックスを{url}で起動しました（127.0.0.1のみ）。本物のChatworkには一切接続しません。' },
  'sandbox.page': { en: 'Messages as recipients see them: {url}', ja: '受信者から見たメッセージ: {url}' },
  'sandbox.client': { en: 'OAuth client for the rehearsal: client id {clientId}, redirect URI {redirectUri}; its secret is in {secretFile} (0600).', ja: 'リハーサル用OAuthクライアント: クライアントID {clientId}、リダイレクト先URL {redirectUri}。シークレットは{secretFile}（0600）にあります。' },
  'sandbox.envIntro': { en: 'Point the CLI at the sandbox with:', ja: 'このツールの接続先をサンドボックスにするには、次を設定してください:' },
  'sandbox.stop': { en: 'Press Ctrl-C to stop.', ja: 'Ctrl-Cで停止します。' },
  'sandbox.stopped': { en: 'Sandbox stopped.', ja: 'サンドボックスを停止しました。' },
  // its options
  'help.opt.port': { en: 'port on 127.0.0.1 (default: any free port)', ja: '127.0.0.1のポート番号（既定: 空いているポート）' },
  'help.opt.seed': { en: 'demo (about 30 contacts, rooms, a demo client) or empty (default demo)', ja: 'demo（約30件のコンタクト・チャット・デモ用クライアント）またはempty（既定demo）' },
  'help.opt.rateLimit': { en: 'API requests per window per account (default 300/300s)', ja: 'アカウントごとの一定時間内のAPIリクエスト上限（既定300/300s）' },
  'help.opt.roomPostLimit': { en: 'posts per window per room (default 10/10s)', ja: 'チャットごとの一定時間内の投稿上限（既定10/10s）' },
} as const satisfies Record<string, { en: string; ja: string }>;
