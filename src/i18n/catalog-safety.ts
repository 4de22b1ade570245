/** Messages of one area; catalog.ts spreads them into the one catalog. */
export const safetyCatalog = {
  // What the file system said, with the path: src/errors/file-system.ts maps errno codes to these.
  'fs.diskFull': { en: 'disk full at {path}.', ja: '{path}のディスクに空きがありません。' },
  'fs.diskFull.hint': {
    en: 'Free some space on that disk, then run the command again.',
    ja: 'ディスクの空き容量を確保してから、もう一度実行してください。',
  },
  'fs.quota': { en: 'disk quota exceeded at {path}.', ja: '{path}でディスク使用量の上限（クォータ）を超えました。' },
  'fs.quota.hint': {
    en: 'Free some space or ask for a larger quota, then run the command again.',
    ja: '不要なファイルを削除するか、クォータの引き上げを依頼してから、もう一度実行してください。',
  },
  'fs.readOnly': { en: 'read-only file system at {path}.', ja: '{path}は読み取り専用のファイルシステム上にあるため、書き込めません。' },
  'fs.readOnly.hint': {
    en: 'Point --config-dir (or HIMANAGER_CHATWORK_CONFIG_DIR) at a writable directory, or mount the disk read-write.',
    ja: '--config-dir（またはHIMANAGER_CHATWORK_CONFIG_DIR）で書き込み可能なディレクトリを指定するか、ディスクを読み書き可能な状態でマウントし直してください。',
  },
  'fs.denied': { en: 'permission denied at {path}.', ja: '{path}へのアクセス権がありません。' },
  'fs.denied.hint': {
    en: 'Run the command as the user who owns {path}, or correct its permissions.',
    ja: '{path}を所有するユーザーで実行するか、アクセス権を修正してください。',
  },
  'http.truncated': {
    en: 'the answer from {url} ended before it was complete (the connection was cut).',
    ja: '{url}からの応答が途中で途切れました（接続が切断されました）。',
  },
  'tokens.cannotStore': {
    en: 'the access token has expired, and new tokens could not be saved now. The refresh token was not used, so the login still works once this is fixed:',
    ja: 'アクセストークンの有効期限が切れていますが、現在は新しいトークンを保存できません。リフレッシュトークンは使用していないため、次の問題を解消すれば、ログインし直さずにそのまま利用できます:',
  },
  'tokens.saveFailed': {
    en: 'Warning: Chatwork issued new tokens, but saving them failed ({reason}). They are kept in memory for this run, and saving is retried. If this run ends before they are saved, run himanager-chatwork auth login again.',
    ja: '警告: Chatworkから新しいトークンを受け取りましたが、保存に失敗しました（{reason}）。この実行中はメモリー上に保持し、保存を再試行します。保存できないまま実行が終了した場合は、himanager-chatwork auth loginでログインし直してください。',
  },
  'doctor.config.writable': { en: 'config dir {dir}: writable', ja: '設定ディレクトリ{dir}: 書き込み可' },
  'file.utf16': {
    en: '{path} is UTF-16 text; save it as UTF-8 or Shift_JIS (CP932) and try again.',
    ja: '{path}はUTF-16で保存されています。UTF-8またはShift_JIS（CP932）で保存し直してから、もう一度実行してください。',
  },
  'file.badBytes': {
    en: '{path}:{line}: bytes that are not valid {encoding}; the file may be damaged or in another encoding. Nothing was read.',
    ja: '{path}:{line}: {encoding}として正しくないバイト列があります。ファイルが壊れているか、別の文字コードで保存されている可能性があります。何も読み込んでいません。',
  },
  'input.unknownCharset': {
    en: '{url} declares charset "{charset}"; only UTF-8 and Shift_JIS (CP932) are read.',
    ja: '{url}の文字コード指定「{charset}」には対応していません。読み込めるのはUTF-8とShift_JIS（CP932）のみです。',
  },
  'input.empty': {
    en: '{name} has no reminders (an empty file, or a header with no rows). If an empty batch is intended, pass --allow-empty.',
    ja: '{name}にリマインドが1件もありません（空のファイル、または見出し行だけのCSVです）。空のバッチが意図どおりの場合は、--allow-emptyを指定してください。',
  },
  'input.notRecords': {
    en: '{name} is not JSON, NDJSON or CSV (it starts like {kind}); was a login or error page served instead of the export?',
    ja: '{name}はJSON・NDJSON・CSVのいずれでもありません（{kind}のような内容で始まっています）。エクスポートの代わりにログイン画面やエラー画面が返された可能性があります。',
  },
  'input.headerControl': {
    en: '--header {header}: the value holds a line break or another control character, which could inject headers; it was not sent.',
    ja: '--header {header}: 値に改行などの制御文字が含まれています。ヘッダーの注入につながるおそれがあるため、送信していません。',
  },
  'input.truncated': {
    en: 'the answer from {url} ended after {received} of {expected} bytes (the connection was cut); nothing was sent.',
    ja: '{url}からの応答が{expected}バイト中{received}バイトで途切れました（接続が切断されました）。何も送信していません。',
  },
  'help.opt.allowEmpty': { en: 'accept an input with no reminders (exit 0)', ja: 'リマインドが0件の入力を受け付ける（終了コード0）' },
  'sandbox.badSeedName': {
    en: '--seed must be demo, empty or hostile, not "{value}".',
    ja: '--seedにはdemo・empty・hostileのいずれかを指定してください（指定値: "{value}"）。',
  },
  'help.opt.seedName': {
    en: 'demo (about 30 contacts, rooms, a demo client), empty, or hostile (the demo plus contacts with hostile names) (default demo)',
    ja: 'demo（約30件のコンタクト・チャット・デモ用クライアント）、empty、またはhostile（demoに悪意のある名前のコンタクトを追加）（既定demo）',
  },
  'record.notText': { en: '{field} must be text or a number', ja: '{field}には文字列または数値を指定してください' },
  'record.control': {
    en: '{field} holds a control character (a line break, NUL, an escape or a direction override)',
    ja: '{field}に制御文字（改行、NUL、エスケープ、文字方向の制御など）が含まれています',
  },
  'record.tooLong': { en: '{field} is longer than {max} characters', ja: '{field}が{max}文字を超えています' },
  'record.invalid': { en: '{field} is invalid ({reason})', ja: '{field}が不正です（{reason}）' },
  'table.shortRow': {
    en: 'this row has {found} of the {expected} columns of the header: the file may have been cut short',
    ja: 'この行は{found}列しかなく、見出し行の{expected}列に足りません。ファイルが途中で切れている可能性があります',
  },
  'help.opt.prune': {
    en: 'also remove the links of users the file does not link (asks on a terminal unless --yes)',
    ja: 'ファイルで紐付けられていないユーザーの紐付けも解除する（端末では--yesがない限り確認します）',
  },
  'linksImport.needsPrune': {
    en: 'the file links account {account} to another user, and it is still linked to one of {users}; pass --prune to remove the old link.',
    ja: 'ファイルではアカウント{account}を別のユーザーに紐付けていますが、このアカウントは現在も{users}のいずれかに紐付いています。古い紐付けを解除するには--pruneを指定してください。',
  },
  'linksImport.confirmPrune': {
    en: 'Remove {count} link(s) that the file does not have?',
    ja: 'ファイルにない{count}件の紐付けを解除しますか？',
  },
  'linksImport.kept': {
    en: '{count} link(s) not in the file were kept; pass --prune to remove them.',
    ja: 'ファイルにない{count}件の紐付けはそのまま残しました。解除するには--pruneを指定してください。',
  },
  'send.interrupted': {
    en: 'stopped by a signal before the request was sent.',
    ja: 'シグナルを受けたため、リクエストを送信する前に停止しました。',
  },
  'users.aboveTested': {
    en: 'Warning: {count} users is more than the {tested} this tool is tested with; every command reads the whole directory, so each will be slower.',
    ja: '警告: ユーザー数（{count}人）が、動作確認済みの{tested}人を超えています。各コマンドはディレクトリ全体を読み込むため、処理に時間がかかる場合があります。',
  },
  'parse.jsonAt': { en: '  unexpected text at line {line}, column {column}', ja: '  {line}行目の{column}文字目に、JSONとして読めない文字があります。' },
  'parse.jsonEnds': { en: '  the text ends before the JSON does (cut short?)', ja: '  JSONの途中で終わっています（ファイルが途中で切れていないか確認してください）。' },
  'parse.jsonOther': { en: '  the JSON cannot be read', ja: '  JSONの形式に誤りがあります。' },
  'parse.notArray': { en: '  expected an array of objects ([ {…}, {…} ])', ja: '  オブジェクトの配列（[ {…}, {…} ]）である必要があります。' },
  'parse.csvQuoteNotClosed': { en: '  a quoted cell is never closed', ja: '  引用符（"）で始まるセルが閉じられていません。' },
  'parse.csvAfterQuote': { en: '  text follows the closing quote of a cell', ja: '  セルを閉じる引用符（"）の後に文字があります。' },
  'parse.csvOpeningQuote': { en: '  a quote (") inside a cell that does not start with one', ja: '  引用符（"）で始まらないセルの中に引用符があります。' },
  'parse.csvOther': { en: '  the CSV cannot be read (quotes or columns)', ja: '  CSVの形式に誤りがあります（引用符や列の区切りを確認してください）。' },
  'input.fetch.refused': { en: '  the server refused the connection', ja: '  サーバーが接続を拒否しました。' },
  'input.fetch.dns': { en: '  the host name was not found (DNS)', ja: '  ホスト名が見つかりません（DNS）。' },
  'input.fetch.timeout': { en: '  no answer within 60 seconds', ja: '  60秒以内に応答がありませんでした。' },
  'input.fetch.tls': { en: '  the server\'s certificate could not be verified', ja: '  サーバーの証明書を検証できませんでした。' },
  'input.fetch.other': { en: '  the connection failed', ja: '  接続に失敗しました。' },
} as const satisfies Record<string, { en: string; ja: string }>;
