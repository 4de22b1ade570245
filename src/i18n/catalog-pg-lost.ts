/** A PostgreSQL connection lost mid-run (a killed session, a restart, a failover). */
export const pgLostCatalog = {
  'state.pgLost': {
    en: 'The connection to the PostgreSQL state was lost ({reason}); this run stopped. Run it again: what was in flight is reconciled first, nothing is sent twice.',
    ja: 'PostgreSQLの状態保存先との接続が切れたため（{reason}）、この実行を停止しました。もう一度実行してください。送信中だったものを先に照合するため、二重送信はされません。',
  },
} as const satisfies Record<string, { en: string; ja: string }>;
