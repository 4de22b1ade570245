/** Messages of one area; catalog.ts spreads them into the one catalog. The `console` command: its server and frame, the 連携 and 紐付け pages. */
export const consoleCatalog = {
  // The command
  'help.console': { en: 'open the settings page in a browser on this machine (127.0.0.1 only)', ja: 'このマシンのブラウザで設定画面を開く（127.0.0.1のみ）' },
  'help.opt.consolePort': { en: 'port on 127.0.0.1 (default: any free port)', ja: '127.0.0.1のポート番号（既定: 空いているポート）' },
  'help.opt.consoleNoOpen': { en: 'do not open a browser (over SSH): print how to forward the port', ja: 'ブラウザを開かない（SSH接続時）。ポート転送の方法を表示する' },
  'help.examples.console': { en: 'console\nconsole --port 8765\nconsole --no-open', ja: 'console\nconsole --port 8765\nconsole --no-open' },
  'console.badPort': { en: '--port "{value}" is not a port: give an integer from 1 to 65535 (or leave it out for any free port)', ja: '--portの指定値（"{value}"）はポート番号ではありません。1から65535の整数を指定してください（省略すると空いているポートを使います）' },
  'console.portInUse': { en: 'port {port} on 127.0.0.1 is in use: give another with --port, or leave --port out for any free port', ja: '127.0.0.1のポート{port}は使用中です。--portで別のポートを指定するか、--portを省略してください' },
  'console.openThis': { en: 'Open this address in a browser on this machine (it works once; keep it to yourself):', ja: 'このマシンのブラウザで次のアドレスを開いてください（1回だけ使えます。他の人に知らせないでください）:' },
  'console.urlInFile': { en: 'The address with its one-time key is in {path} (readable by you only); open it in a browser on this machine.', ja: '1回だけ使える鍵付きのアドレスを{path}に保存しました（本人だけが読めます）。このマシンのブラウザで開いてください。' },
  'console.sshForward': { en: 'From your own computer, forward the port first, then open the address there: ssh -L {port}:127.0.0.1:{port} {host}', ja: '手元のコンピューターで次のコマンドでポートを転送してから、そのアドレスを開いてください: ssh -L {port}:127.0.0.1:{port} {host}' },
  'console.listening': { en: 'The settings page is served on http://127.0.0.1:{port}/ until Ctrl-C (it stops by itself after an hour without use).', ja: '設定画面をhttp://127.0.0.1:{port}/で表示しています。Ctrl-Cで終了します（1時間操作がなければ自動で終了します）。' },
  'console.noBrowser': { en: 'No browser could be opened: open the address above yourself.', ja: 'ブラウザを開けませんでした。上のアドレスを手動で開いてください。' },
  'console.stopped': { en: 'The settings page has stopped.', ja: '設定画面を終了しました。' },
  'console.idleStopped': { en: 'The settings page stopped after an hour without use. Start it again with: himanager-chatwork console', ja: '1時間操作がなかったため、設定画面を終了しました。次のコマンドで再び開けます: himanager-chatwork console' },

  // Answers to a request the console refuses
  'console.forbidden.title': { en: 'Not allowed', ja: 'アクセスできません' },
  'console.forbidden.host': { en: 'This page answers only at 127.0.0.1 or localhost.', ja: 'この画面は127.0.0.1またはlocalhostでのみ表示できます。' },
  'console.forbidden.session': { en: 'This browser has no key for this settings page (or the address was already used). Start it again with `himanager-chatwork console` and open the new address.', ja: 'このブラウザにはこの設定画面の鍵がありません（またはアドレスが使用済みです）。`himanager-chatwork console`で起動し直し、新しいアドレスを開いてください。' },
  'console.forbidden.origin': { en: 'A change was sent from another site and refused.', ja: '別のサイトから送られた変更のため、受け付けませんでした。' },
  'console.forbidden.csrf': { en: 'This form has expired. Reload the page and try again.', ja: 'このフォームは有効期限が切れています。ページを再読み込みしてやり直してください。' },
  'console.notFound': { en: 'No such page.', ja: 'ページが見つかりません。' },
  'console.failed': { en: 'This page could not be shown: {message}', ja: 'このページを表示できませんでした: {message}' },

  // The frame
  'console.title': { en: 'HiManager × Chatwork settings', ja: 'HiManager Chatwork連携の設定' },
  'console.skip': { en: 'Skip to the content', ja: '本文へ移動' },
  'console.navLabel': { en: 'Pages', ja: 'ページ' },
  'console.flashLabel': { en: 'Result', ja: '結果' },
  'console.actor': { en: 'Changes are recorded as {actor}.', ja: '変更は{actor}として記録されます。' },
  'console.page.connection': { en: 'Connection', ja: '連携' },
  'console.page.links': { en: 'Links', ja: '紐付け' },
  'console.page.destinations': { en: 'Destinations', ja: '送信先' },
  'console.page.templates': { en: 'Templates', ja: 'テンプレート' },
  'console.page.deliveries': { en: 'Deliveries', ja: '配信状況' },
  'console.page.invitations': { en: 'Invitations', ja: '招待・承認' },
  'console.page.doctor': { en: 'Diagnosis', ja: '診断' },
  'console.page.operations': { en: 'Operations', ja: '運用' },
} as const;
