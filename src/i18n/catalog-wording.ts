/** Wording of issue 26: destinations in words, Chatwork's errors in the admin's language, counts that add up. */
export const wordingCatalog = {
  'count.messages': { en: '{count}', ja: '{count}件' },
  'count.messagesPeople': { en: '{count} ({people} people)', ja: '{count}件（{people}人）' },
  'help.aside': { en: ' ({text})', ja: '（{text}）' },
  'destinations.typeIs': { en: '{type}: {destination}', ja: '{type}: {destination}' },

  // Chatwork's answers in words: its own (English) text only with --verbose and in --json.
  'error.raw': { en: 'Chatwork said:', ja: 'Chatworkの応答（原文）:' },
  'api.unauthorized': { en: 'Chatwork did not accept the access token for {method} {endpoint} (HTTP {status}).', ja: 'Chatworkがアクセストークンを受け付けませんでした（{method} {endpoint}、HTTP {status}）。' },
  'api.forbidden': { en: 'Chatwork did not allow {method} {endpoint} (HTTP {status}): the connected account lacks the permission or the scope.', ja: 'Chatworkがこの操作を許可しませんでした（{method} {endpoint}、HTTP {status}）。連携アカウントに権限がないか、許可された操作の範囲外です。' },
  'api.notFound': { en: 'Chatwork found nothing at {method} {endpoint} (HTTP {status}): the chat or message was deleted, or the connected account is not a member.', ja: 'Chatworkに対象が見つかりません（{method} {endpoint}、HTTP {status}）。チャットやメッセージが削除されたか、連携アカウントがメンバーではありません。' },
  'api.rateLimited': { en: 'Chatwork limited the number of requests ({method} {endpoint}, HTTP {status}): run again in a few minutes.', ja: 'Chatworkのリクエスト数の上限に達しました（{method} {endpoint}、HTTP {status}）。数分待ってから再実行してください。' },
  'api.serverError': { en: 'Chatwork had a server error ({method} {endpoint}, HTTP {status}): run again later.', ja: 'Chatwork側でエラーが発生しました（{method} {endpoint}、HTTP {status}）。しばらくしてから再実行してください。' },
  'login.authorizeFailed': { en: 'Chatwork did not complete the authorization (it answered an error): run auth login again.', ja: 'Chatworkで連携を完了できませんでした（Chatworkがエラーを返しました）。もう一度auth loginを実行してください。' },
  'history.reason.http401': { en: 'Chatwork did not accept the access token (HTTP {status})', ja: 'Chatworkがアクセストークンを受け付けませんでした（HTTP {status}）' },
  'history.reason.http403': { en: 'Chatwork did not allow the post (HTTP {status}): the account may only read there, or lacks the permission', ja: 'Chatworkが投稿を許可しませんでした（HTTP {status}。連携アカウントが閲覧のみか、権限がありません）' },
  'history.reason.http404': { en: 'Chatwork found no such chat (HTTP {status}): deleted, or the account is not a member', ja: 'Chatworkにチャットが見つかりません（HTTP {status}。削除されたか、連携アカウントがメンバーではありません）' },
  'history.reason.http429': { en: 'Chatwork limited the number of requests (HTTP {status})', ja: 'Chatworkのリクエスト数の上限に達しました（HTTP {status}）' },
  'history.reason.http5xx': { en: 'Chatwork had a server error (HTTP {status})', ja: 'Chatwork側でエラーが発生しました（HTTP {status}）' },
  'history.reason.http': { en: 'Chatwork refused the request (HTTP {status})', ja: 'Chatworkがリクエストを受け付けませんでした（HTTP {status}）' },
  'oauth.rateLimited': { en: 'the Chatwork token endpoint limited the number of requests (HTTP {status}): run again in a few minutes.', ja: 'Chatworkの認証サーバーでリクエスト数の上限に達しました（HTTP {status}）。数分待ってから再実行してください。' },
  'oauth.serverError': { en: 'the Chatwork token endpoint had a server error (HTTP {status}): run again later.', ja: 'Chatworkの認証サーバーでエラーが発生しました（HTTP {status}）。しばらくしてから再実行してください。' },
} as const;
