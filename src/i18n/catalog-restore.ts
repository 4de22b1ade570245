/** Restores, dumps, the store's own file and the state key; catalog.ts spreads them into the one catalog. */
export const restoreCatalog = {
  'state.dumpLineTooLong': {
    en: '{file}:{line}: the line is longer than {megabytes} MB, more than any dump record can be. Nothing was imported.',
    ja: '{file}:{line}: この行は{megabytes} MBを超えていて、ダンプのレコードとしては長すぎます。何も取り込んでいません。',
  },
  'restore.kept': {
    en: 'Kept what the store had further along than the dump: {deliveries} deliveries and {pairs} person-reminder pairs (sent, recalled or in flight never go back).',
    ja: '保存先のほうが進んでいた配信{deliveries}件と、人とリマインドの組{pairs}件は保存先の状態のままにしました（送信済み・取り消し済み・送信中の状態は戻しません）。',
  },
  'restore.accountSkipped': {
    en: 'The dump\'s Chatwork account setting was not imported: the account that sends is set only by logging in (auth login), from Chatwork itself.',
    ja: 'ダンプに含まれる連携アカウントの設定は取り込んでいません。送信に使う連携アカウントは、ログイン（auth login）の際にChatworkから取得したものだけを使います。',
  },
  'state.foreignSqlite': {
    en: '{path} is another program\'s SQLite database (tables: {tables}), not a himanager-chatwork state. Nothing was changed. Give --state a new file, or the state.db of a himanager-chatwork config directory.',
    ja: '{path}はほかのプログラムのSQLiteデータベースです（テーブル: {tables}）。himanager-chatworkの状態ではありません。何も変更していません。--stateには新しいファイルか、himanager-chatworkの設定ディレクトリにあるstate.dbを指定してください。',
  },
  'state.tableClash': {
    en: '{location} already has tables named as this tool\'s ({tables}) that it did not create. Nothing was changed. Use a database (or schema) of its own for himanager-chatwork.',
    ja: '{location}には、このツールが作成していない同じ名前のテーブル（{tables}）がすでにあります。何も変更していません。himanager-chatwork専用のデータベース（またはスキーマ）を使ってください。',
  },
  'state.pgNoCreate': {
    en: 'The PostgreSQL role {role} may not create tables in schema {schema} of {location}, and the tables are not there yet. Nothing was changed. Run any command once as the database owner, or grant the role CREATE on the schema. ({reason})',
    ja: 'PostgreSQLのロール{role}には{location}のスキーマ{schema}にテーブルを作成する権限がなく、テーブルもまだありません。何も変更していません。データベースの所有者として一度コマンドを実行するか、このロールにスキーマの`CREATE`権限を付与してください。（{reason}）',
  },
  'state.keyMismatch': {
    en: '{variable} is not the key the secrets in {location} are stored under (the key check stored there does not match). Nothing was read or written. Set the key every other host uses; to change the key, run `state rekey` with the current one.',
    ja: '{variable}は{location}の秘密情報を保存した鍵ではありません（保存されている鍵の確認値と一致しません）。何も読み書きしていません。ほかのホストと同じ鍵を設定してください。鍵を変更する場合は、現在の鍵を設定して`state rekey`を実行してください。',
  },
  'help.state.rekey': {
    en: 'encrypt the shared secrets under a new state key (read from HIMANAGER_CHATWORK_NEW_STATE_KEY, or typed)',
    ja: '共有の秘密情報を新しい鍵で暗号化し直す（鍵はHIMANAGER_CHATWORK_NEW_STATE_KEYから読み取るか、入力する）',
  },
  'help.examples.state.rekey': {
    en: 'HIMANAGER_CHATWORK_NEW_STATE_KEY="$(openssl rand -base64 32)" state rekey',
    ja: 'HIMANAGER_CHATWORK_NEW_STATE_KEY="$(openssl rand -base64 32)" state rekey',
  },
  'rekey.notShared': {
    en: '{location} keeps no secrets: only a shared PostgreSQL state encrypts them under a key. Nothing was changed.',
    ja: '{location}には秘密情報がありません。鍵で暗号化するのは共有のPostgreSQLの保存先だけです。何も変更していません。',
  },
  'rekey.needNewKey': {
    en: 'Give the new key in {variable} (32 random bytes, base64 or hex), or run state rekey at a terminal to type it. A key is never taken as a flag.',
    ja: '新しい鍵を{variable}に設定するか（32バイトの乱数をbase64または16進数で）、端末でstate rekeyを実行して入力してください。鍵をオプションで渡すことはできません。',
  },
  'rekey.askNewKey': { en: 'New state key (32 bytes, base64 or hex):', ja: '新しい鍵（32バイト、base64または16進数）:' },
  'rekey.askAgain': { en: 'The new key again:', ja: '確認のため、新しい鍵をもう一度入力してください:' },
  'rekey.notSame': { en: 'The two keys typed differ. Nothing was changed.', ja: '入力した2つの鍵が一致しません。何も変更していません。' },
  'rekey.typedKey': { en: 'the key typed', ja: '入力した鍵' },
  'rekey.done': {
    en: 'Re-encrypted {count} secret(s) in {location} under the new key, and stored its key check: the old key is refused from now on. Set {variable} to the new key on every host.',
    ja: '{location}の秘密情報{count}件を新しい鍵で暗号化し直し、鍵の確認値を保存しました。今後は古い鍵を受け付けません。すべてのホストで{variable}を新しい鍵に変更してください。',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
