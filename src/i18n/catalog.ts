/**
 * Every user-facing string, in Japanese and English. Placeholders are {name}.
 * Keys are grouped by area; a test checks that no entry is missing a language
 * and that both languages use the same placeholders.
 */
export const catalog = {
  // Help: program, global options, help sections
  'help.program': {
    en: 'Deliver HiManager notifications (praise, survey and update-survey reminders) as Chatwork messages.',
    ja: 'HiManager の通知（称賛・サーベイ・アップデートサーベイのリマインド）を Chatwork のメッセージとして届けます。',
  },
  'help.title.Usage:': { en: 'Usage:', ja: '使い方:' },
  'help.title.Options:': { en: 'Options:', ja: 'オプション:' },
  'help.title.Commands:': { en: 'Commands:', ja: 'コマンド:' },
  'help.title.Arguments:': { en: 'Arguments:', ja: '引数:' },
  'help.title.Global Options:': { en: 'Global Options:', ja: '共通オプション:' },
  'help.opt.help': { en: 'display help for command', ja: 'ヘルプを表示する' },
  'help.opt.version': { en: 'print the version', ja: 'バージョンを表示する' },
  'help.cmd.help': { en: 'display help for command', ja: 'コマンドのヘルプを表示する' },
  'help.opt.configDir': {
    en: 'where all state lives (also HIMANAGER_CHATWORK_CONFIG_DIR)',
    ja: 'すべての状態を保存するディレクトリ（HIMANAGER_CHATWORK_CONFIG_DIR でも指定可）',
  },
  'help.opt.lang': { en: 'language of messages: ja or en (default: from LANG)', ja: '表示言語: ja または en（既定: LANG から判定）' },
  'help.opt.noColor': { en: 'no colours in the output', ja: '出力に色を付けない' },
  'help.opt.verbose': { en: 'explain what happens (never prints secrets)', ja: '詳しい経過を表示する（秘密情報は表示しません）' },
  'help.opt.secretStore': {
    en: 'where secrets live: keychain (default) or file (also HIMANAGER_CHATWORK_SECRET_STORE)',
    ja: '秘密情報の保存先: keychain（既定）または file（HIMANAGER_CHATWORK_SECRET_STORE でも指定可）',
  },
  'help.opt.json': { en: 'print machine-readable JSON', ja: 'JSON で出力する' },
  'help.opt.yes': { en: 'do not ask for confirmation', ja: '確認せずに実行する' },

  // Help: commands
  'help.setup': { en: 'guided setup: OAuth client, login, users, links, destinations, test message', ja: '対話形式の初期設定: OAuth クライアント、ログイン、ユーザー、紐付け、送信先、テスト送信' },
  'help.auth': { en: 'connect to Chatwork, show or remove the connection', ja: 'Chatwork との連携（ログイン・状態確認・連携解除）' },
  'help.auth.login': { en: 'authorize this CLI in the browser (OAuth, loopback redirect)', ja: 'ブラウザでこの CLI を認可する（OAuth）' },
  'help.auth.status': { en: 'show the connected account, scopes, token expiry and where secrets live', ja: '連携中のアカウント・スコープ・トークン期限・秘密情報の保存先を表示する' },
  'help.auth.logout': { en: 'remove the tokens and client secret (連携を解除)', ja: 'トークンとクライアントシークレットを削除する（連携を解除）' },
  'help.users': { en: 'the HiManager user directory', ja: 'HiManager のユーザー一覧' },
  'help.users.import': { en: 'import users from a CSV or JSON file', ja: 'CSV または JSON ファイルからユーザーを取り込む' },
  'help.users.list': { en: 'list users with their link state', ja: 'ユーザーと紐付け状態を一覧表示する' },
  'help.contacts': { en: "list the connected account's Chatwork contacts", ja: '連携アカウントの Chatwork コンタクトを一覧表示する' },
  'help.rooms': { en: 'list group rooms and the role of the connected account', ja: 'グループチャットと連携アカウントの権限を一覧表示する' },
  'help.link': { en: 'link a HiManager user to a Chatwork contact (or --auto)', ja: 'HiManager ユーザーと Chatwork コンタクトを紐付ける（--auto で自動）' },
  'help.unlink': { en: 'remove the link of a HiManager user', ja: 'HiManager ユーザーの紐付けを解除する' },
  'help.links': { en: 'show every link and every unlinked user', ja: 'すべての紐付けと未紐付けのユーザーを表示する' },
  'help.links.export': { en: 'write the whole mapping to a CSV file for review', ja: '紐付け全体を確認用の CSV ファイルに書き出す' },
  'help.links.import': { en: 'replace the mapping from a reviewed CSV file', ja: '確認済みの CSV ファイルから紐付けを取り込む' },
  'help.destinations': { en: 'show where each notification type is sent (送信先設定)', ja: '通知の種類ごとの送信先を表示する（送信先設定）' },
  'help.sendTest': { en: 'send a sample of each message template', ja: '各テンプレートのサンプルを送信する' },
  'help.sendReminders': { en: 'deliver reminders from a file, exactly once (for cron)', ja: 'ファイルのリマインドを一度だけ確実に送信する（cron 用）' },
  'help.doctor': { en: 'find what is broken, why, and the command that fixes it', ja: '問題点・原因・解決コマンドを表示する' },
  'help.calendar': { en: 'business calendar and send window', ja: '営業日カレンダーと送信時間帯' },
  'help.sandbox': { en: 'run a local Chatwork emulator for rehearsals and tests', ja: 'リハーサル・テスト用のローカル Chatwork エミュレーターを起動する' },

  // Errors: general
  'error.prefix': { en: 'Error:', ja: 'エラー:' },
  'error.unexpected': { en: 'an unexpected error occurred. Please report it with the output of --verbose.', ja: '予期しないエラーが発生しました。--verbose の出力を添えてご報告ください。' },
  'error.silent': { en: 'already reported', ja: '報告済み' },
  'error.notBuilt': { en: '`{command}` is not built yet in this version.', ja: '`{command}` はこのバージョンではまだ実装されていません。' },
  'error.cancelled': { en: 'cancelled.', ja: 'キャンセルしました。' },
  'error.usage': { en: '{detail}', ja: '{detail}' },
  'error.badLang': { en: '--lang must be ja or en, not "{value}".', ja: '--lang には ja か en を指定してください（指定値: "{value}"）。' },
  'error.badSecretStore': { en: '{source} must be keychain or file, not "{value}".', ja: '{source} には keychain か file を指定してください（指定値: "{value}"）。' },
  'error.badUrl': { en: '{source} must be an http(s) URL, not "{value}".', ja: '{source} には http(s) の URL を指定してください（指定値: "{value}"）。' },
  'error.configDir': { en: 'cannot use the config dir {path}: {reason}', ja: '設定ディレクトリ {path} を使用できません: {reason}' },
  'error.settingsInvalid': { en: 'the settings file {path} is invalid: {reason}', ja: '設定ファイル {path} が不正です: {reason}' },
  'error.locked': { en: 'another run holds the lock {path} (pid {pid}, since {since}).', ja: '別の実行がロック {path} を保持しています（pid {pid}、{since} から）。' },
  'error.lockTimeout': { en: 'waited {seconds} s for the lock {path} held by pid {pid}.', ja: 'pid {pid} が保持するロック {path} を {seconds} 秒待ちましたが取得できませんでした。' },

  // Commander's own errors, translated
  'usage.unknownOption': { en: "unknown option '{arg}'", ja: "不明なオプションです: '{arg}'" },
  'usage.unknownCommand': { en: "unknown command '{arg}'", ja: "不明なコマンドです: '{arg}'" },
  'usage.missingArgument': { en: "missing required argument '{arg}'", ja: "必須の引数がありません: '{arg}'" },
  'usage.optionMissingArgument': { en: "option '{arg}' needs a value", ja: "オプション '{arg}' には値が必要です" },
  'usage.excessArguments': { en: 'too many arguments', ja: '引数が多すぎます' },
  'usage.seeHelp': { en: "See '{command} --help'.", ja: "'{command} --help' を参照してください。" },

  // Secrets
  'secrets.unavailable': {
    en: 'the OS keychain is not available ({detail}).',
    ja: 'OS のキーチェーンを利用できません（{detail}）。',
  },
  'secrets.locked': {
    en: 'the OS keychain is locked ({detail}). Unlock it in this session, or use the file backend.',
    ja: 'OS のキーチェーンがロックされています（{detail}）。このセッションでロックを解除するか、file を使用してください。',
  },
  'secrets.timeout': {
    en: 'the OS keychain did not answer within {seconds} s.',
    ja: 'OS のキーチェーンが {seconds} 秒以内に応答しませんでした。',
  },
  'secrets.hint.fileBackend': {
    en: 'To keep secrets in a file instead, pass --secret-store file (or set HIMANAGER_CHATWORK_SECRET_STORE=file): they are then written to secrets.json in the config dir, readable only by you (0600) but not encrypted. This is the usual choice for cron on a server.',
    ja: '代わりにファイルへ保存するには --secret-store file を指定してください（または HIMANAGER_CHATWORK_SECRET_STORE=file）。設定ディレクトリの secrets.json に保存され、本人のみ読み取り可能（0600）ですが暗号化はされません。サーバー上の cron では通常こちらを使います。',
  },
  'secrets.fileCorrupt': { en: 'the secret file {path} is not valid JSON; remove it and log in again.', ja: '秘密情報ファイル {path} が正しい JSON ではありません。削除して再ログインしてください。' },
  'secrets.fileMode': { en: 'the secret file {path} is readable by others (mode {mode}); run: chmod 600 {path}', ja: '秘密情報ファイル {path} が他のユーザーから読み取れます（mode {mode}）。実行してください: chmod 600 {path}' },

  // Chatwork API
  'api.error': { en: 'Chatwork answered {status} to {method} {endpoint}: {detail}', ja: 'Chatwork が {method} {endpoint} に {status} を返しました: {detail}' },
  'api.ambiguous': { en: 'no answer from Chatwork to {endpoint} after the request was sent; it may or may not have been processed.', ja: '{endpoint} への送信後に Chatwork から応答がありませんでした。処理されたかどうか不明です。' },
  'api.network': { en: 'cannot reach Chatwork at {url}: {detail}', ja: 'Chatwork（{url}）に接続できません: {detail}' },
  'auth.needed': { en: 'not logged in to Chatwork.', ja: 'Chatwork にログインしていません。' },
  'auth.hint.login': { en: 'Run: himanager-chatwork auth login', ja: '実行してください: himanager-chatwork auth login' },
  'auth.refreshRejected': { en: 'Chatwork rejected the refresh token ({detail}); the connection was revoked or expired.', ja: 'Chatwork がリフレッシュトークンを拒否しました（{detail}）。連携が解除されたか期限切れです。' },
  'auth.tokenRejected': { en: 'Chatwork rejected the access token even after a refresh ({detail}).', ja: 'トークンを更新しても Chatwork がアクセストークンを拒否しました（{detail}）。' },
  'auth.clientSecretMissing': { en: 'the OAuth client secret is missing from the secret store.', ja: 'OAuth クライアントシークレットが秘密情報の保存先にありません。' },
  'auth.clientIdMissing': { en: 'no OAuth client id is configured.', ja: 'OAuth クライアント ID が設定されていません。' },
  'oauth.invalidClient': { en: 'Chatwork rejected the OAuth client id or secret ({detail}).', ja: 'Chatwork が OAuth クライアント ID またはシークレットを拒否しました（{detail}）。' },
  'oauth.error': { en: 'the Chatwork token endpoint answered {status}: {detail}', ja: 'Chatwork のトークンエンドポイントが {status} を返しました: {detail}' },

  // contacts, rooms
  'contacts.loading': { en: 'Fetching contacts…', ja: 'コンタクトを取得しています…' },
  'contacts.none': { en: 'The connected account has no contacts. Add people as contacts in Chatwork first.', ja: '連携アカウントにコンタクトがありません。先に Chatwork でコンタクトを追加してください。' },
  'contacts.columns': { en: 'ACCOUNT ID|CHATWORK ID|NAME|ORGANIZATION|DEPARTMENT|DM ROOM', ja: 'アカウントID|チャットワークID|名前|組織|部署|DMルーム' },
  'rooms.loading': { en: 'Fetching rooms…', ja: 'チャットを取得しています…' },
  'rooms.none': { en: 'The connected account is in no group room.', ja: '連携アカウントが参加しているグループチャットはありません。' },
  'rooms.columns': { en: 'ROOM ID|NAME|ROLE|', ja: 'ルームID|名前|権限|' },
  'rooms.cannotPost': { en: 'cannot post (readonly)', ja: '投稿不可（閲覧のみ）' },

  // sandbox
  'sandbox.badSeed': { en: '--seed must be demo or empty, not "{value}".', ja: '--seed には demo か empty を指定してください（指定値: "{value}"）。' },
  'sandbox.badPort': { en: '--port must be a port number from 0 to 65535, not "{value}".', ja: '--port には 0〜65535 のポート番号を指定してください（指定値: "{value}"）。' },
  'sandbox.badLimit': { en: '{flag} must look like 300/300s or 10/10s, not "{value}".', ja: '{flag} は 300/300s や 10/10s の形式で指定してください（指定値: "{value}"）。' },
  'sandbox.portBusy': { en: 'port {port} is already in use; choose another with --port, or --port 0 for any free port.', ja: 'ポート {port} は使用中です。--port で別のポートを指定するか、--port 0 で空きポートを使ってください。' },
  'sandbox.started': { en: 'Chatwork sandbox running at {url} (127.0.0.1 only). Nothing here reaches the real Chatwork.', ja: 'Chatwork サンドボックスを {url} で起動しました（127.0.0.1 のみ）。本物の Chatwork には一切接続しません。' },
  'sandbox.page': { en: 'Messages as recipients see them: {url}', ja: '受信者から見たメッセージ: {url}' },
  'sandbox.client': { en: 'OAuth client for the rehearsal: client id {clientId}, redirect URI {redirectUri}; its secret is in {secretFile} (0600).', ja: 'リハーサル用 OAuth クライアント: クライアントID {clientId}、リダイレクト先URL {redirectUri}。シークレットは {secretFile}（0600）にあります。' },
  'sandbox.envIntro': { en: 'Point the CLI at the sandbox with:', ja: 'CLI をサンドボックスに向けるには次を設定してください:' },
  'sandbox.stop': { en: 'Press Ctrl-C to stop.', ja: 'Ctrl-C で停止します。' },
  'sandbox.stopped': { en: 'Sandbox stopped.', ja: 'サンドボックスを停止しました。' },
} as const satisfies Record<string, { en: string; ja: string }>;

export type MessageKey = keyof typeof catalog;
