/**
 * Bodies over Chatwork's 65,535 characters: the template check that refuses a template the
 * longest accepted values would take past it, a group post split into several, and the pair
 * whose message cannot fit, failed as too-long for good.
 */
export const bodyLimitCatalog = {
  'templates.problem.mayExceed': {
    en: 'with the longest values the input accepts (a title and a message of {text} characters each, a URL of {url}, names of {name}), the message can reach {length} characters; Chatwork takes at most {max}. Use the long placeholders fewer times, or shorten the fixed text.',
    ja: '入力で受け付ける最長の値（タイトルと称賛メッセージは各{text}文字、URLは{url}文字、氏名は{name}文字）を差し込むと、メッセージが{length}文字になることがあります。Chatworkに送れるのは{max}文字までです。長くなる差し込み項目の数を減らすか、固定の文言を短くしてください。',
  },
  'template.mayExceed': {
    en: 'the custom {lang} template of {type} can make a message of {length} characters with the longest values the input accepts (a title and a message of {text} characters each, a URL of {url}, names of {name}); Chatwork takes at most {max}, so nothing was sent. Fix it with: himanager-chatwork templates edit {type} --lang {lang}',
    ja: '{type}の{lang}カスタムテンプレートは、入力で受け付ける最長の値（タイトルと称賛メッセージは各{text}文字、URLは{url}文字、氏名は{name}文字）を差し込むと{length}文字になることがあります。Chatworkに送れるのは{max}文字までのため、何も送信していません。次のコマンドでテンプレートを直してください: himanager-chatwork templates edit {type} --lang {lang}',
  },
  'send.fail.tooLong': {
    en: 'the message would be {length} characters, over the {max} Chatwork takes: not sent, and never retried under this reminder id',
    ja: 'メッセージが{length}文字になり、Chatworkに送れる{max}文字を超えます。送信せず、同じリマインドIDでは再送しません',
  },
  'skip.too-long': {
    en: 'its message was too long for Chatwork in an earlier run: never sent under this reminder id',
    ja: '以前の実行でメッセージがChatworkの上限を超えたため、同じリマインドIDでは送信しません',
  },
  'history.reason.tooLong': {
    en: 'message over 65,535 characters: not sent, not retried',
    ja: 'メッセージが65,535文字を超えるため送信せず、再送もしません',
  },
  'doctor.ledger.tooLong': {
    en: '{count} recipient(s) were not sent their message because it is longer than the 65,535 characters Chatwork takes, for example {examples}; they are not retried',
    ja: 'メッセージがChatworkの上限の65,535文字を超えるため送信しなかった宛先が{count}件あります（例: {examples}）。再送はしません',
  },
  'doctor.fix.tooLong': {
    en: 'send them again under a new reminder id with a shorter title or message; history --status failed lists them',
    ja: 'タイトルや称賛メッセージを短くし、新しいリマインドIDで送り直してください。対象はhistory --status failedで確認できます',
  },
  'send.planRoomPart': {
    en: '{id} ({type}) → room {room}, post {part} of {parts}, mentioning: {to}',
    ja: '{id}（{type}）→ グループチャット（ルームID {room}）、{parts}件に分けた投稿の{part}件目、宛先（To）: {to}',
  },
  'send.planTooLong': {
    en: '{id} ({type}) → room {room}: not sent, the message would be {length} characters (Chatwork takes at most {max}): {to}',
    ja: '{id}（{type}）→ チャット（ルームID {room}）: メッセージが{length}文字になり、Chatworkに送れる{max}文字を超えるため送信しません: {to}',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
