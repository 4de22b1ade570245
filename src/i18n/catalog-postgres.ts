/** Messages of the PostgreSQL backend; catalog.ts spreads them into the one catalog. */
export const postgresCatalog = {
  'state.pgBadUrl': {
    en: 'The state URL is not a valid postgres:// or postgresql:// URL.',
    ja: '状態の保存先URLがpostgres:// またはpostgresql://の形式として正しくありません。',
  },
  'state.pgConnect': {
    en: 'Cannot connect to the PostgreSQL state at {target}: {reason}',
    ja: 'PostgreSQLの状態保存先{target}に接続できません: {reason}',
  },
  'state.keyMissing': {
    en: '{variable} is not set. With PostgreSQL the client secret and tokens are stored encrypted under this key: set it to 32 random bytes, base64 or hex (for example the output of `openssl rand -base64 32`), the same on every host sharing the database.',
    ja: '{variable}が設定されていません。PostgreSQLではクライアントシークレットとトークンをこの鍵で暗号化して保存します。32バイトの乱数をbase64または16進数で設定してください（例: `openssl rand -base64 32`の出力）。データベースを共有するすべてのホストで同じ値にします。',
  },
  'state.keyInvalid': {
    en: '{variable} must hold exactly 32 bytes, written as base64 (43 or 44 characters) or hex (64 characters), for example the output of `openssl rand -base64 32`.',
    ja: '{variable}には32バイトちょうどの鍵をbase64（43〜44文字）または16進数（64文字）で指定してください（例: `openssl rand -base64 32`の出力）。',
  },
  'state.keyWrong': {
    en: 'The secret {name} in {location} cannot be decrypted, although {variable} matches the key check stored there: that row is damaged. Log in again (auth login) to store it anew.',
    ja: '{location}の秘密情報{name}を復号できません。{variable}は保存されている鍵の確認値と一致しているため、この行が破損しています。もう一度ログイン（auth login）して保存し直してください。',
  },
  'state.tokenLockTimeout': {
    en: 'Waited {seconds} s while another command sharing this store refreshed the Chatwork login. Try again.',
    ja: 'この保存先を共有する別のコマンドがChatworkのログインを更新中のため{seconds}秒待ちましたが、終わりませんでした。もう一度実行してください。',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
