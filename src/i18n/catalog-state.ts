/** Messages of one area; catalog.ts spreads them into the one catalog. */
export const stateCatalog = {
  'state.locked': {
    en: 'Another send-reminders is running on this store (host {host}, pid {pid}, since {since}). Try again when it has finished.',
    ja: 'この保存先では別の send-reminders が実行中です（ホスト {host}、PID {pid}、{since} から）。終了してからもう一度実行してください。',
  },
  'state.newerSchema': {
    en: 'The state at {location} was written by a newer version of himanager-chatwork (schema {found}; this version knows {known}). Nothing was changed. Upgrade himanager-chatwork.',
    ja: '{location} の状態は、より新しいバージョンの himanager-chatwork で書き込まれています（スキーマ {found}、このバージョンは {known} まで）。何も変更していません。himanager-chatwork を更新してください。',
  },
  'state.invalidSetting': {
    en: 'A setting in {location} is not valid: {field}: {reason}',
    ja: '{location} の設定に誤りがあります: {field}: {reason}',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
