/** The pages the login's loopback server shows in the browser; catalog.ts spreads them into the one catalog. */
export const loopbackCatalog = {
  'loopback.success.title': { en: 'Authorization received', ja: '連携が完了しました' },
  'loopback.success.text': {
    en: 'himanager-chatwork has received the authorization. Go back to the terminal; you can close this tab.',
    ja: 'Chatworkとの連携を受け付けました。ターミナルに戻ってください。このタブは閉じてかまいません。',
  },
  'loopback.invalidClient.title': { en: 'The connection did not work', ja: '連携できませんでした' },
  'loopback.invalidClient.text': {
    en: 'Chatwork did not accept the OAuth client secret. Go back to the terminal and enter the client secret again.',
    ja: 'ChatworkがOAuthクライアントシークレットを受け付けませんでした。ターミナルに戻り、クライアントシークレットを入力し直してください。',
  },
  'loopback.failed.title': { en: 'The connection did not work', ja: '連携できませんでした' },
  'loopback.failed.text': {
    en: 'The authorization code could not be used. See the terminal for what happened.',
    ja: '認可コードを処理できませんでした。ターミナルに表示された内容を確認してください。',
  },
  'loopback.pending.title': { en: 'Authorization received', ja: '処理中です' },
  'loopback.pending.text': { en: 'The authorization was received. Go back to the terminal.', ja: '認可を受け付けました。ターミナルに戻ってください。' },
  'loopback.denied.title': { en: 'Authorization cancelled', ja: '連携はキャンセルされました' },
  'loopback.denied.text': {
    en: 'The authorization was cancelled in Chatwork. Go back to the terminal.',
    ja: 'Chatworkで「キャンセル」が選ばれました。ターミナルに戻ってください。',
  },
  'loopback.wrongState.title': { en: 'This link is not valid', ja: 'このリンクは無効です' },
  'loopback.wrongState.text': {
    en: 'This authorization was not started by this CLI (the state does not match). Open the URL shown in the terminal again.',
    ja: 'この認可はこのツールが開始したものではありません（stateが一致しません）。ターミナルに表示されたURLから開き直してください。',
  },
  'loopback.notFound.title': { en: 'Not found', ja: '見つかりません' },
} as const satisfies Record<string, { en: string; ja: string }>;
