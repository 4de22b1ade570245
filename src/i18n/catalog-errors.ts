/** Errors any command may show: general ones, commander's own, the secret store's and Chatwork's. catalog.ts spreads them into the one catalog. */
export const errorsCatalog = {
  // Errors: general
  'error.prefix': { en: 'Error:', ja: 'エラー:' },
  'error.unexpected': { en: 'an unexpected error occurred. Please report it with the output of --verbose.', ja: '予期しないエラーが発生しました。--verboseの出力を添えてご報告ください。' },
  'error.silent': { en: 'already reported', ja: '報告済み' },
  'error.cancelled': { en: 'cancelled.', ja: 'キャンセルしました。' },
  'error.usage': { en: '{detail}', ja: '{detail}' },
  'error.badLang': { en: '--lang must be ja or en, not "{value}".', ja: '--langにはjaかenを指定してください（指定値: "{value}"）。' },
  'error.badSecretStore': { en: '{source} must be keychain or file, not "{value}".', ja: '{source}にはkeychainかfileを指定してください（指定値: "{value}"）。' },
  'error.badUrl': { en: '{source} must be an http(s) URL, not "{value}".', ja: '{source}にはhttp(s)のURLを指定してください（指定値: "{value}"）。' },
  'error.configDir': { en: 'cannot use the config dir {path}: {reason}', ja: '設定ディレクトリ{path}を使用できません: {reason}' },
  'error.settingsInvalid': { en: 'the settings file {path} is invalid: {reason}', ja: '設定ファイル{path}が不正です: {reason}' },
  'error.locked': { en: 'another run holds the lock {path} (pid {pid}, since {since:time}).', ja: '別の実行がロック{path}を保持しています（PID {pid}、{since:time}から）。' },
  'error.lockTimeout': { en: 'waited {seconds} s for the lock {path} held by pid {pid}.', ja: 'PID {pid}が保持するロック{path}を{seconds}秒待ちましたが取得できませんでした。' },

  // Commander's own errors, translated
  'usage.unknownOption': { en: "unknown option '{arg}'", ja: "不明なオプションです: '{arg}'" },
  'usage.unknownCommand': { en: "unknown command '{arg}'", ja: "不明なコマンドです: '{arg}'" },
  'usage.missingArgument': { en: "missing required argument '{arg}'", ja: "必須の引数がありません: '{arg}'" },
  'usage.optionMissingArgument': { en: "option '{arg}' needs a value", ja: "オプション'{arg}'には値が必要です" },
  'usage.excessArguments': { en: 'too many arguments', ja: '引数が多すぎます' },
  'usage.seeHelp': { en: 'More: `{command} --help`', ja: '詳しくは`{command} --help`を参照してください。' },

  // Secrets
  'secrets.unavailable': {
    en: 'the OS keychain is not available ({detail}).',
    ja: 'OSのキーチェーンを利用できません（{detail}）。',
  },
  'secrets.locked': {
    en: 'the OS keychain is locked ({detail}). Unlock it in this session, or use the file backend.',
    ja: 'OSのキーチェーンがロックされています（{detail}）。このセッションでロックを解除するか、fileを使用してください。',
  },
  'secrets.timeout': {
    en: 'the OS keychain did not answer within {seconds} s.',
    ja: 'OSのキーチェーンが{seconds}秒以内に応答しませんでした。',
  },
  'secrets.hint.fileBackend': {
    en: 'To keep secrets in a file instead, pass --secret-store file (or set HIMANAGER_CHATWORK_SECRET_STORE=file): they are then written to secrets.json in the config dir, readable only by you (0600) but not encrypted. This is the usual choice for cron on a server.',
    ja: '代わりにファイルへ保存するには--secret-store fileを指定してください（またはHIMANAGER_CHATWORK_SECRET_STORE=file）。設定ディレクトリのsecrets.jsonに保存され、本人のみ読み取り可能（0600）ですが暗号化はされません。サーバー上のcronでは通常こちらを使います。',
  },
  'secrets.fileCorrupt': { en: 'the secret file {path} is not valid JSON; remove it and log in again.', ja: '秘密情報ファイル{path}が正しいJSONではありません。削除して再ログインしてください。' },
  'secrets.fileMode': { en: 'the secret file {path} is readable by others (mode {mode}); run: chmod 600 {path}', ja: '秘密情報ファイル{path}が他のユーザーから読み取れます（mode {mode}）。次のコマンドを実行してください: chmod 600 {path}' },

  // Chatwork API
  'api.error': { en: 'Chatwork refused the request {method} {endpoint} (HTTP {status}).', ja: 'Chatworkがリクエスト（{method} {endpoint}）を受け付けませんでした（HTTP {status}）。' },
  'api.ambiguous': { en: 'no answer from Chatwork to {endpoint} after the request was sent; it may or may not have been processed.', ja: '{endpoint}への送信後にChatworkから応答がありませんでした。処理されたかどうか不明です。' },
  'api.network': { en: 'cannot reach Chatwork at {url} ({code}): check the network or proxy.', ja: 'Chatwork（{url}）に接続できません（{code}）。ネットワークまたはプロキシを確認してください。' },
  'auth.needed': { en: 'not logged in to Chatwork.', ja: 'Chatworkにログインしていません。' },
  'auth.hint.login': { en: 'Run: himanager-chatwork auth login', ja: '次のコマンドでChatworkと連携してください: himanager-chatwork auth login' },
  'auth.refreshRejected': { en: 'Chatwork rejected the refresh token: the connection was revoked or has expired.', ja: 'Chatworkがリフレッシュトークンを拒否しました。連携が解除されたか、有効期限が切れています。' },
  'auth.tokenRejected': { en: 'Chatwork rejected the access token even after a refresh.', ja: 'トークンを更新しても、Chatworkがアクセストークンを拒否しました。' },
  'auth.clientSecretMissing': { en: 'the OAuth client secret is missing from the secret store.', ja: 'OAuthクライアントシークレットが秘密情報の保存先にありません。' },
  'auth.clientIdMissing': { en: 'no OAuth client id is configured.', ja: 'OAuthクライアントIDが設定されていません。' },
  'oauth.invalidClient': { en: 'Chatwork rejected the OAuth client ID or client secret.', ja: 'ChatworkがOAuthのクライアントIDまたはクライアントシークレットを受け付けませんでした。' },
  'oauth.error': { en: 'the Chatwork token endpoint refused the request (HTTP {status}).', ja: 'Chatworkのトークンエンドポイントがリクエストを受け付けませんでした（HTTP {status}）。' },
} as const satisfies Record<string, { en: string; ja: string }>;
