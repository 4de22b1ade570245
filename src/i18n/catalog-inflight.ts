/** Deliveries an earlier run left in flight, settled against their rooms before a run plans anything. */
export const inflightCatalog = {
  'inflight.settled': {
    en: 'An earlier run left {count} delivery(ies) in flight: {found} found in their chats (recorded as delivered), {closed} not there (planned again), {unsettled} not checked.',
    ja: '前回までの実行で送信中のまま残った配信が{count}件ありました。チャットで見つかったもの{found}件（送信済みとして記録）、見つからなかったもの{closed}件（再度送信対象）、確認できなかったもの{unsettled}件です。',
  },
  'inflight.unsettled': {
    en: 'Could not read room(s) {rooms} to check {count} delivery(ies) left in flight: their recipients are skipped this run (never sent another way while they may be there); the next run checks again.',
    ja: '送信中のまま残った配信{count}件を確認するためのチャット（ルームID {rooms}）を読み取れませんでした。二重送信を避けるため、その宛先は今回スキップし、次回の実行で再確認します。',
  },
  'skip.in-flight': {
    en: 'an earlier delivery is still in flight and could not be checked; the next run checks again',
    ja: '以前の配信が送信中のまま確認できていないため（次回の実行で再確認）',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
