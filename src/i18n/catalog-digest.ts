/** One message per person per run (`reminders digest`, `send-reminders --no-digest`; docs/reminders-digest-and-stats.md). */
export const digestCatalog = {
  'help.reminders': { en: 'a reminder campaign: digests and statistics', ja: 'リマインドの運用（まとめて送信、集計）' },
  'help.reminders.digest': {
    en: 'show or set whether one person\'s reminders of a run go as one message, and its template',
    ja: '1回の実行で同じ人に届くリマインドを1通にまとめるかどうかと、そのテンプレートを表示・設定する',
  },
  'help.opt.digestOn': { en: 'combine a person\'s reminders into one message (the default)', ja: '同じ人へのリマインドを1通にまとめる（既定）' },
  'help.opt.digestOff': { en: 'send each reminder as a message of its own', ja: 'リマインドを1件ずつ別のメッセージで送る' },
  'help.opt.digestTemplate': { en: 'set the digest template from a file (- for stdin)', ja: 'ファイルからまとめ送信のテンプレートを設定する（- で標準入力）' },
  'help.opt.digestReset': { en: 'go back to the built-in digest template', ja: 'まとめ送信のテンプレートを標準に戻す' },
  'help.opt.noDigest': { en: 'this run: send each reminder as a message of its own', ja: '今回の実行ではリマインドをまとめずに1件ずつ送る' },
  'help.examples.reminders': { en: 'reminders digest\nreminders stats', ja: 'reminders digest\nreminders stats' },
  'help.examples.reminders.digest': {
    en: 'reminders digest\nreminders digest --off\nreminders digest --template digest.txt --lang ja',
    ja: 'reminders digest\nreminders digest --off\nreminders digest --template digest.txt --lang ja',
  },
  'digest.isOn': { en: 'Digest is on: a person\'s reminders of one run for their direct chat go as one message.', ja: 'まとめ送信は有効です。1回の実行で同じ人のダイレクトチャットに送るリマインドは1通にまとめます。' },
  'digest.isOff': { en: 'Digest is off: each reminder goes as a message of its own.', ja: 'まとめ送信は無効です。リマインドは1件ずつ別のメッセージで送ります。' },
  'digest.turnedOn': { en: 'Digest turned on: from the next run, a person\'s reminders go as one message.', ja: 'まとめ送信を有効にしました。次回の実行から、同じ人へのリマインドを1通にまとめます。' },
  'digest.turnedOff': { en: 'Digest turned off: from the next run, each reminder goes as a message of its own.', ja: 'まとめ送信を無効にしました。次回の実行から、リマインドを1件ずつ送ります。' },
  'digest.templateBuiltin': { en: 'Digest template ({lang}, built in):', ja: 'まとめ送信のテンプレート（{lang}、標準）:' },
  'digest.templateCustom': { en: 'Digest template ({lang}, custom):', ja: 'まとめ送信のテンプレート（{lang}、カスタム）:' },
  'digest.saved': { en: 'Saved the {lang} digest template.', ja: 'まとめ送信の{lang}テンプレートを保存しました。' },
  'digest.resetDone': { en: 'The {lang} digest template is the built-in one again.', ja: 'まとめ送信の{lang}テンプレートを標準に戻しました。' },
  'digest.invalid': { en: 'the {lang} digest template cannot be saved:', ja: 'まとめ送信の{lang}テンプレートは保存できません:' },
  'digest.invalidStored': {
    en: 'the stored {lang} digest template is not valid; nothing was sent. Check it with: himanager-chatwork reminders digest --lang {lang}',
    ja: '保存されているまとめ送信の{lang}テンプレートが正しくないため、送信していません。次のコマンドで確認してください: himanager-chatwork reminders digest --lang {lang}',
  },
  'digest.problem.noItems': { en: 'the template has no {items}: the message would list no reminder.', ja: 'テンプレートに{items}がありません。リマインドが1件も表示されません。' },
  'digest.onAndOff': { en: '--on and --off cannot be given together.', ja: '--onと--offは同時に指定できません。' },
  'digest.templateAndReset': { en: '--template and --reset cannot be given together.', ja: '--templateと--resetは同時に指定できません。' },
} as const;
