/** The pages the login's loopback server shows in the browser; catalog.ts spreads them into the one catalog. */
export const loopbackCatalog = {
  'loopback.success.title': { en: 'Authorization received', ja: '連携が完了しました' },
  'loopback.success.text': {
    en: 'himanager-chatwork has received the authorization. Go back to the terminal; you can close this tab.',
    ja: 'Chatwork との連携を受け付けました。ターミナルに戻ってください。このタブは閉じてかまいません。',
  },
  'loopback.denied.title': { en: 'Authorization cancelled', ja: '連携はキャンセルされました' },
  'loopback.denied.text': {
    en: 'The authorization was cancelled in Chatwork. Go back to the terminal.',
    ja: 'Chatwork で「キャンセル」が選ばれました。ターミナルに戻ってください。',
  },
  'loopback.wrongState.title': { en: 'This link is not valid', ja: 'このリンクは無効です' },
  'loopback.wrongState.text': {
    en: 'This authorization was not started by this CLI (the state does not match). Open the URL shown in the terminal again.',
    ja: 'この認可はこの CLI が開始したものではありません（state が一致しません）。ターミナルに表示された URL から開き直してください。',
  },
  'loopback.notFound.title': { en: 'Not found', ja: '見つかりません' },
} as const;
