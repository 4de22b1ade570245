/** Messages of "one live store": the moved mark `state migrate` leaves on the store it copied from, and where the login went. */
export const movedCatalog = {
  'state.moved': {
    en: 'The state has moved: since {at:time} it lives in {location} (state migrate on host {host}). This store ({source}) is no longer used: nothing was read from it, sent or changed.',
    ja: '状態の保存先は移行済みです。{at:time}から{location}にあります（ホスト{host}でstate migrateを実行）。この保存先（{source}）はもう使われていないため、読み取りも送信も変更もしていません。',
  },
  'state.movedHint': {
    en: 'Point this host at the new store: HIMANAGER_CHATWORK_STATE={value}, or --state {value} (a URL is shown without its password: add it if the database needs one; "state info" shows the address whole). Only "state migrate --to {source}", run against the new store, brings this one back.',
    ja: 'このホストで新しい保存先を指定してください: HIMANAGER_CHATWORK_STATE={value}、または--state {value}（URLはパスワードを除いて表示しています。必要ならパスワードを加えてください。「state info」でアドレス全体を確認できます）。この保存先に戻せるのは、新しい保存先に対して実行する「state migrate --to {source}」だけです。',
  },
  'state.migrateNoDir': {
    en: '--to: the directory {dir} does not exist. Nothing was changed. Create it first, or give a path in a directory that exists.',
    ja: '--to: ディレクトリ{dir}がありません。何も変更していません。先にディレクトリを作成するか、存在するディレクトリのパスを指定してください。',
  },
  'state.migrated': { en: 'Copied {count} records to {location}; the counts match.', ja: '{count}件のレコードを{location}にコピーしました。件数は一致しています。' },
  'state.migratedBack': {
    en: '{location} held this state before it moved: its old rows were replaced by the copy and its moved mark was cleared. It is in use again.',
    ja: '{location}は移行前にこの状態を保存していた場所です。古い内容をコピーで置き換え、移行済みの印を消しました。再び使える状態です。',
  },
  'state.secretsStay': {
    en: 'No secrets were copied into {location}: SQLite keeps none. The login and the client secret stay where they are, in {where}, where this install finds them for either file.',
    ja: '{location}には秘密情報をコピーしていません（SQLiteには秘密情報を保存しません）。連携情報とクライアントシークレットはこれまでどおり{where}にあり、どちらのファイルを使っても読み取れます。',
  },
  'state.secretsEncrypted': {
    en: '{count} secret(s) (the client secret and the login) were encrypted into {location} under HIMANAGER_CHATWORK_STATE_KEY; every host that shares it uses them.',
    ja: '{count}件の秘密情報（クライアントシークレットと連携情報）をHIMANAGER_CHATWORK_STATE_KEYで暗号化して{location}に保存しました。共有するすべてのホストがこれを使います。',
  },
  'state.secretsLocal': {
    en: '{count} secret(s) (the client secret and the login) were copied into {where}; SQLite keeps none in {location}.',
    ja: '{count}件の秘密情報（クライアントシークレットと連携情報）を{where}にコピーしました。{location}には保存していません（SQLiteには秘密情報を保存しません）。',
  },
  'state.tokenRemoved': {
    en: 'The refresh token was removed from {where}: it rotates with every refresh, and two copies would split it (whichever side refreshes second gets invalid_grant). The login lives in {location} only.',
    ja: '{where}からリフレッシュトークンを削除しました。リフレッシュトークンは更新のたびに変わるため、2か所にあると一方が更新した時点でもう一方が使えなくなります（invalid_grant）。連携情報は{location}だけにあります。',
  },
  'state.tokenNotRemoved': {
    en: 'The state was moved, but the old refresh token could not be removed from {where} ({reason}). Delete it there: two copies of a rotating token split the login.',
    ja: '状態は移行しましたが、{where}から古いリフレッシュトークンを削除できませんでした（{reason}）。そこから削除してください。2か所にあると連携が使えなくなります。',
  },
  'state.sourceMarked': {
    en: '{source} is marked as moved: every command on it now refuses and names {location}. Point every host at the new store: HIMANAGER_CHATWORK_STATE={value} (a URL is shown without its password).',
    ja: '{source}に移行済みの印を付けました。今後この保存先ではどのコマンドも実行せず、{location}を案内します。すべてのホストで新しい保存先を指定してください: HIMANAGER_CHATWORK_STATE={value}（URLはパスワードを除いて表示しています）。',
  },
  'state.info.moved': {
    en: 'Moved:     to {location} on {at:time} by host {host}: every command but state info and doctor refuses this store',
    ja: '移行済み:     {at:time}にホスト{host}から{location}へ。state infoとdoctor以外のコマンドはこの保存先では実行しません',
  },
  'doctor.state.moved': {
    en: 'state at {source} has moved to {location} ({at:time}, host {host}): commands refuse it',
    ja: '状態の保存先{source}は{location}へ移行済みです（{at:time}、ホスト{host}）。コマンドはこの保存先では実行しません',
  },
} as const;
