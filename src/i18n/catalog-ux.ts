/** Messages of the admin's daily work: the wizard's fallbacks, times, outcomes, help examples. */
export const uxCatalog = {
  // setup: the secret store, checked before the secret is asked for
  'setup.keychainProblem': { en: 'The secrets cannot be kept in the OS keychain:', ja: 'OS のキーチェーンに秘密情報を保存できません:' },
  'setup.fileStoreExplained': {
    en: 'They can be kept in {path} instead: readable only by you (0600), not encrypted. This is also what cron on a server uses.',
    ja: '代わりに {path} に保存できます。本人のみ読み取り可能（0600）ですが、暗号化はされません。サーバー上の cron でも通常こちらを使います。',
  },
  'setup.useFileStore': { en: 'Keep the secrets in that file?', ja: 'このファイルに保存しますか?' },
  'setup.fileStoreChosen': { en: 'Secrets will be kept in the file; later commands remember this.', ja: '秘密情報をファイルに保存します。この選択は以降のコマンドでも使われます。' },
  'setup.secretRejected': {
    en: 'The client ID was accepted, so the client secret is wrong. Copy it again from Chatwork (サービス連携 → OAuth) and enter it below.',
    ja: 'クライアントIDは受け付けられたため、クライアントシークレットが誤っています。Chatwork（サービス連携 → OAuth）からもう一度コピーして入力してください。',
  },
  'login.secretRejectedAsk': {
    en: 'Chatwork rejected the stored client secret. Enter the current one.',
    ja: '保存されているクライアントシークレットを Chatwork が受け付けませんでした。現在のクライアントシークレットを入力してください。',
  },
  'help.opt.newSecret': { en: 'ask for the client secret again instead of using the stored one', ja: '保存済みのクライアントシークレットを使わず、入力し直す' },
} as const satisfies Record<string, { en: string; ja: string }>;
