/** `alerts` and the alert a send-reminders run posts to the admins' group chat (docs/alerts.md). */
export const alertsCatalog = {
  // The alert itself, in the messages' language (templates lang), posted as a Chatwork info box.
  'alerts.title': { en: 'Action needed: a reminder run had problems', ja: '【要対応】リマインドの送信で問題が発生しました' },
  'alerts.footer': { en: 'Run {runId} on host {host}', ja: '実行ID: {runId}（ホスト: {host}）' },
  'alerts.roomGone': {
    en: 'The group chat {type} is sent to (room {roomId}) no longer exists, or the account is no longer in it: nothing was posted there.',
    ja: '{type}の送信先のグループチャット（ルームID: {roomId}）が存在しないか、連携アカウントが参加していないため、送信できませんでした。',
  },
  'alerts.failed': { en: 'Not delivered after retries ({count}): {names}', ja: '送信に失敗しました（{count}人）: {names}' },
  'alerts.reasons': { en: 'Reason: {reasons}', ja: '理由: {reasons}' },
  'alerts.unreachable': {
    en: '{count} people the previous run reached could not be reached by this one.',
    ja: '前回の実行では送信できた{count}人に、今回は送信できませんでした。',
  },
  'alerts.unreachableGroup': { en: '- {reason} ({count}): {names}', ja: '・{reason}（{count}人）: {names}' },
  'alerts.person': { en: '{name} ({userId})', ja: '{name}（{userId}）' },
  'alerts.remedy': { en: 'To fix: {remedy}', ja: '対処: {remedy}' },
  // What the run says about its alert
  'alerts.posted': { en: 'Posted an alert to group chat {roomId}.', ja: 'グループチャット（ルームID: {roomId}）にアラートを投稿しました。' },
  'alerts.postFailed': {
    en: 'Could not post the alert to group chat {roomId} ({detail}); the next run tries again.',
    ja: 'グループチャット（ルームID: {roomId}）にアラートを投稿できませんでした（{detail}）。次回の実行で再度投稿します。',
  },
  // The command
  'alerts.saved': {
    en: 'Alerts go to {name} ({roomId}) from now on: a run that fails, or finds people it can no longer reach, posts there once per cause.',
    ja: 'アラートの投稿先を{name}（{roomId}）に設定しました。送信に失敗したときや、新たに送信できなくなった人がいるときに、原因ごとに1回投稿します。',
  },
  'alerts.turnedOff': { en: 'Alerts are off: runs post none.', ja: 'アラートの投稿を停止しました。' },
  'alerts.showRoom': { en: 'Alerts go to {name} ({roomId}).', ja: 'アラートの投稿先: {name}（{roomId}）' },
  'alerts.showRoomId': { en: 'Alerts go to group chat {roomId}.', ja: 'アラートの投稿先: グループチャット（ルームID: {roomId}）' },
  'alerts.showOff': {
    en: 'Alerts are off. To turn them on: himanager-chatwork alerts set room:<room_id>',
    ja: 'アラートは設定されていません。設定するには次のコマンドを実行してください: himanager-chatwork alerts set room:<ルームID>',
  },
  'alerts.needRoom': {
    en: 'alerts go to a group chat: give room:<room_id> or its name, not "{value}".',
    ja: 'アラートの投稿先には、グループチャットをroom:<ルームID>または名前で指定してください（指定値: "{value}"）。',
  },
  'help.alerts': { en: 'show where alerts (failures, people newly unreachable) are posted', ja: 'アラート（送信の失敗、新たに送信できなくなった人）の投稿先を表示する' },
  'help.alerts.set': { en: 'post alerts to a group chat: room:<room_id>', ja: 'アラートをグループチャットに投稿する: room:<ルームID>' },
  'help.alerts.off': { en: 'stop posting alerts', ja: 'アラートの投稿を停止する' },
  'help.examples.alerts': { en: 'alerts\nalerts set room:500000061\nalerts off', ja: 'alerts\nalerts set room:500000061\nalerts off' },
  'help.examples.alerts.set': { en: 'alerts set room:500000061\nalerts set "HR admins"', ja: 'alerts set room:500000061\nalerts set 人事部 管理者' },
  'help.examples.alerts.off': { en: 'alerts off', ja: 'alerts off' },
} as const satisfies Record<string, { en: string; ja: string }>;
