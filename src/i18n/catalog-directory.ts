/** Messages of the directory over time: `users sync`, the retire rule of `users import`, HR export headers. */
export const directoryCatalog = {
  'help.users.sync': {
    en: 'bring the directory up to date from an HR export: adds, changes and retires people in one go',
    ja: '人事システムの書き出しでユーザー一覧を更新する（追加・変更・退職をまとめて反映）',
  },
  'help.opt.usersInput': {
    en: 'the HR export (CSV or JSON): a file, - for stdin, or an https URL',
    ja: '人事システムの書き出し（CSV・JSON）: ファイル、-で標準入力、またはhttpsのURL',
  },
  'help.opt.maxRetireShare': {
    en: 'the most people, in percent of the directory, one run may retire (default 10)',
    ja: '1回で退職扱いにしてよい人数の上限（ユーザー一覧に対する %、既定は10）',
  },
  'help.opt.allowMassRetire': {
    en: 'retire more than --max-retire-share allows (the export is known to be complete)',
    ja: '--max-retire-shareの上限を超えても退職扱いにする（書き出しに漏れがないと確かめた場合）',
  },
  'help.examples.users.sync': {
    en: 'users sync --input staff.csv --dry-run\nusers sync --input https://hr.example.jp/export.csv --header "Authorization: Bearer ${HR_TOKEN}"\nusers sync --input staff.csv --allow-mass-retire',
    ja: 'users sync --input 社員一覧.csv --dry-run\nusers sync --input https://hr.example.jp/export.csv --header "Authorization: Bearer ${HR_TOKEN}"\nusers sync --input 社員一覧.csv --allow-mass-retire',
  },
  'usersSync.needInput': {
    en: 'users sync needs --input: the HR export as a file, - for stdin, or an https URL.',
    ja: 'users syncには--inputが必要です。人事システムの書き出しをファイル、-（標準入力）、またはhttpsのURLで指定してください。',
  },
  'users.badStatus': {
    en: 'employment status "{value}" is not one the tool knows (accepted: {accepted})',
    ja: '在籍状況「{value}」を読み取れません（使用できる値: {accepted}）',
  },
  'directory.summary': {
    en: '{file}: {count} people. {added} added, {changed} changed, {retired} retired, {reactivated} back.',
    ja: '{file}: {count}人。追加{added}人、変更{changed}人、退職{retired}人、復帰{reactivated}人。',
  },
  'directory.dryRun': { en: 'Dry run: nothing was changed.', ja: '確認のみ（変更していません）。' },
  'directory.linksEnded': {
    en: '{count} link(s) of retired people ended; those contacts can be linked to someone else. The history keeps them.',
    ja: '退職した人の紐付け{count}件を終了しました。これらのコンタクトは別の人に紐付けられます。履歴は残っています。',
  },
  'directory.linksWouldEnd': { en: '{count} link(s) of retired people would end.', ja: '退職する人の紐付け{count}件が終了します。' },
  'directory.added': { en: 'added: {name} ({id})', ja: '追加: {name}（{id}）' },
  'directory.changed': { en: 'changed: {name} ({id}): {fields}', ja: '変更: {name}（{id}）: {fields}' },
  'directory.retired': { en: 'retired: {name} ({id})', ja: '退職: {name}（{id}）' },
  'directory.retiredLinked': {
    en: 'retired: {name} ({id}); the link to account {accountId} ends',
    ja: '退職: {name}（{id}）。アカウントID {accountId}との紐付けを終了',
  },
  'directory.reactivated': {
    en: 'back: {name} ({id}), active again without the old link',
    ja: '復帰: {name}（{id}）。以前の紐付けは戻しません',
  },
  'directory.fieldSeparator': { en: ', ', ja: '、' },
  'directory.field.name': { en: 'name', ja: '氏名' },
  'directory.field.email': { en: 'e-mail', ja: 'メールアドレス' },
  'directory.field.department': { en: 'department', ja: '部署' },
  'directory.field.reading': { en: 'reading', ja: 'フリガナ' },
  'directory.field.status': { en: 'employment status', ja: '在籍状況' },
  'directory.field.managerId': { en: 'manager', ja: '上長' },
  'directory.guard': {
    en: '{count} of {active} people ({share} %) would be retired: more than --max-retire-share {max} %. Nothing was changed. Check that the export is not cut short; if it is complete, run again with --allow-mass-retire.',
    ja: '在籍者{active}人のうち{count}人（{share}%）が退職扱いになります。--max-retire-shareの上限{max}%を超えるため、何も変更していません。書き出しが途中で切れていないか確かめ、漏れがなければ--allow-mass-retireを付けて再実行してください。',
  },
  'directory.badShare': {
    en: '--max-retire-share: "{value}" is not a percentage from 0 to 100.',
    ja: '--max-retire-share: 0〜100の割合（%）を指定してください（指定値: "{value}"）。',
  },
  'link.retired': {
    en: '{user} is retired (absent from the latest users import or sync): not linked. If they are back, add them to the export and sync first.',
    ja: '{user}は退職済みのため紐付けませんでした（最新のusers import・users syncの書き出しにいません）。復帰した場合は、書き出しに加えて先に同期してください。',
  },
  'skip.retired': { en: 'retired: no longer in the directory', ja: '退職済み（ユーザー一覧にいない）' },
} as const satisfies Record<string, { en: string; ja: string }>;
