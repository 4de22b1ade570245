/** Messages of the log formats: the global option and its refusal (docs/logging.md). */
export const loggingCatalog = {
  'help.opt.logFormat': {
    en: 'stderr as text (time, run id, level on each line; the default off a terminal) or json (NDJSON events); also HIMANAGER_CHATWORK_LOG_FORMAT',
    ja: '標準エラー出力の形式。text（各行に時刻・実行ID・レベル。端末以外での既定）またはjson（NDJSONのイベント）。HIMANAGER_CHATWORK_LOG_FORMATでも指定可',
  },
  'error.badLogFormat': {
    en: '{source} must be text or json, not "{value}".',
    ja: '{source}にはtextかjsonを指定してください（指定値: "{value}"）。',
  },
} as const;
