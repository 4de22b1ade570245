/** Messages of one area; catalog.ts spreads them into the one catalog. Decisions that stick: `link reject`, `link --review`, re-added contacts. */
export const decisionsCatalog = {
  // link reject
  'help.link.reject': { en: 'remember that a contact is not this user: the pair is never suggested again (--undo takes it back)', ja: 'コンタクトがこのユーザー本人ではないことを記録し、今後この組み合わせを候補に出さない（--undoで取り消し）' },
  'help.opt.rejectUndo': { en: 'take back an earlier rejection of this pair', ja: 'この組み合わせを別人とした記録を取り消す' },
  'help.examples.link.reject': { en: 'link reject E0031 2000031\nlink reject sato@example.com sato_ken\nlink reject --undo E0031 2000031', ja: 'link reject E0031 2000031\nlink reject sato@example.com sato_ken\nlink reject --undo E0031 2000031' },
  'linkReject.done': { en: 'Recorded: {contact} is not {user}. This pair is never suggested again (take it back with: himanager-chatwork link reject --undo {userId} {accountId}).', ja: '{contact}は{user}本人ではないと記録しました。今後この組み合わせを候補に出しません（取り消すには: himanager-chatwork link reject --undo {userId} {accountId}）。' },
  'linkReject.already': { en: '{contact} was already recorded as not {user}; nothing was changed.', ja: '{contact}は{user}本人ではないと記録済みです。何も変更していません。' },
  'linkReject.unlinked': { en: 'The link {user} → {contact} was removed.', ja: '{user} → {contact}の紐付けを解除しました。' },
  'linkReject.undone': { en: 'Taken back: {contact} may be suggested for {user} again.', ja: '記録を取り消しました。{contact}を{user}の候補として再び表示します。' },
  'linkReject.notRejected': { en: '{contact} is not recorded as not {user}; nothing was changed.', ja: '{contact}を{user}本人ではないとした記録はありません。何も変更していません。' },
  'linkReject.needArgs': { en: 'give a user and a contact: link reject <user> <contact> (or link reject --undo <user> <contact>).', ja: 'ユーザーとコンタクトを指定してください: link reject <ユーザー> <コンタクト>（取り消すにはlink reject --undo <ユーザー> <コンタクト>）。' },
  'linkReject.unknownAccount': { en: 'contact "{contact}" is not a contact now; give its account id (digits) to reject or take back a rejection of an account that is not a contact.', ja: '「{contact}」は現在のコンタクトにありません。コンタクトでないアカウントを指定するときは、アカウントID（数字）を指定してください。' },
  'link.rejectedPair': { en: '{contact} was recorded as not {user}; take that back first if it was wrong: himanager-chatwork link reject --undo {userId} {accountId}', ja: '{contact}は{user}本人ではないと記録されています。誤りなら先に記録を取り消してください: himanager-chatwork link reject --undo {userId} {accountId}' },

  // link --review
  'help.opt.review': { en: 'decide, person by person, the links that need a person (resumable: each decision is saved at once)', ja: '人の判断が必要な紐付けを1人ずつ決める（決めた内容はすぐ保存され、中断しても続きから再開できる）' },
  'link.reviewAlone': { en: '--review takes no user or contact, and not --auto, --yes or --dry-run.', ja: '--reviewには、ユーザーやコンタクト、--auto・--yes・--dry-runを同時に指定できません。' },
  'review.needsTerminal': { en: 'link --review asks questions: run it on a terminal (off a terminal, use link --auto --yes for the certain matches).', ja: 'link --reviewは質問に答えながら進めるため、端末で実行してください（端末以外では、確度の高い候補だけをlink --auto --yesで紐付けられます）。' },
  'review.certainTitle': { en: '{count} certain match(es): one user and one contact, of a trusted organisation:', ja: '確度の高い候補{count}件（ユーザー1人とコンタクト1人だけが一致し、信頼する組織に所属）:' },
  'review.certainAsk': { en: 'Link all {count} certain match(es) above?', ja: '上の{count}件をすべて紐付けますか？' },
  'review.certainApplied': { en: 'Linked {count} certain match(es).', ja: '確度の高い候補{count}件を紐付けました。' },
  'review.certainDeclined': { en: 'Not applied: they are asked one by one below.', ja: '適用しませんでした。このあと1人ずつ確認します。' },
  'review.start': { en: '{count} user(s) need a decision. Each answer is saved at once: stop with Ctrl-C and run link --review again to go on.', ja: '判断が必要なユーザーは{count}人です。回答はその都度保存されるため、Ctrl-Cで中断してもlink --reviewを再実行すれば続きから再開できます。' },
  'review.ask': { en: '[{n}/{total}] Who is {user} (department: {department})?', ja: '[{n}/{total}] {user}（部署: {department}）はどのコンタクトですか？' },
  'review.candidate': { en: '{contact}, {org} (organisation id {id}), department: {department}, {confidence}%{why}', ja: '{contact}、{org}（組織ID {id}）、部署: {department}、確度{confidence}%{why}' },
  'review.candidateWhy': { en: ' ({why})', ja: '（{why}）' },
  'review.reject': { en: 'not this person (never suggest these again)', ja: '本人ではない（今後この候補を出さない）' },
  'review.skip': { en: 'decide later', ja: 'あとで決める' },
  'review.linked': { en: 'Linked {user} → {contact}.', ja: '{user} → {contact}を紐付けました。' },
  'review.rejected': { en: 'Recorded: not {user} ({count} candidate(s)).', ja: '{user}本人ではない候補として{count}件を記録しました。' },
  'review.taken': { en: '{contact} was linked to someone else meanwhile; {user} is asked again next time.', ja: '{contact}はその間に別のユーザーに紐付けられました。{user}は次回あらためて確認します。' },
  'review.nothing': { en: 'Nobody needs a decision.', ja: '判断が必要なユーザーはいません。' },
  'review.summary': { en: 'Review: {linked} linked, {rejected} said not to be the person, {skipped} left for later.', ja: '確認の結果: 紐付け{linked}人、本人ではない{rejected}人、あとで決める{skipped}人。' },
  'review.noCandidate': { en: '{count} user(s) have no candidate (not a contact, or only candidates said not to be them): {names}. Invite them with: himanager-chatwork invite', ja: '候補のないユーザーが{count}人います（コンタクトでない、または本人ではないと記録した候補だけ）: {names}。案内は次のコマンドで送れます: himanager-chatwork invite' },

  // Re-added contacts
  'autolink.reason.readded': { en: 'the account this user was linked to before', ja: '以前紐付けていたアカウント' },
  'requests.why.readdedUntrusted': { en: '{why}; it is the account {user} was linked to before', ja: '{why}。{user}が以前紐付けていたアカウントです' },
  'approve.askRelink': { en: '{user} is linked to account {old}, which is no longer a contact. Approve request {requestId} ({name}) and link {user} to account {accountId} instead?', ja: '{user}は、コンタクトから削除されたアカウントID {old}に紐付いています。リクエスト{requestId}（{name}）を承認し、{user}をアカウントID {accountId}に紐付け直しますか？' },
  'approve.relinkNeedsYes': { en: '{user} is linked to account {old}, which is no longer a contact: off a terminal, add --yes to approve request {requestId} ({name}) and link {user} to account {accountId} instead.', ja: '{user}は、コンタクトから削除されたアカウントID {old}に紐付いています。端末以外でリクエスト{requestId}（{name}）を承認し、{user}をアカウントID {accountId}に紐付け直すには--yesを指定してください。' },
} as const satisfies Record<string, { en: string; ja: string }>;
