/** Inputs (size limits, template files) and held deliveries withdrawn; catalog.ts spreads them into the one catalog. */
export const inputsCatalog = {
  'help.opt.maxInputSize': {
    en: 'the most one input may hold, e.g. 512MB (default 256MB, or HIMANAGER_CHATWORK_MAX_INPUT_SIZE; MB = 1,000,000 bytes, at most 512MB for text)',
    ja: '1 つの入力の上限サイズ。例: 512MB（既定は 256MB、または環境変数 HIMANAGER_CHATWORK_MAX_INPUT_SIZE。MBは 1,000,000 バイト。テキストは最大 512MB）',
  },
  'inputs.tooLarge': {
    en: '{name} is larger than {limit}, the most one input may hold; nothing was read. If it is meant to be this large, raise the limit with --max-input-size (for example --max-input-size 512MB) or HIMANAGER_CHATWORK_MAX_INPUT_SIZE.',
    ja: '{name}は 1 つの入力の上限（{limit}）を超えているため、読み込んでいません。意図したサイズであれば、--max-input-size（例: --max-input-size 512MB）または環境変数 HIMANAGER_CHATWORK_MAX_INPUT_SIZEで上限を引き上げてください。',
  },
  'inputs.badSize': {
    en: '{source} "{value}" is not a size: give a number of bytes or one with KB, MB or GB (for example 512MB).',
    ja: '{source}の「{value}」はサイズとして使えません。バイト数、または KB・MB・GBを付けた値（例: 512MB）を指定してください。',
  },
  'inputs.templateNotSaved': {
    en: 'The edited template was not saved. Your text follows: fix it and save it with `templates set {typeArg} --lang {langArg} --file <file>`.',
    ja: '編集したテンプレートは保存していません。編集内容を次に示します。修正してから `templates set {typeArg} --lang {langArg} --file <file>` で保存してください。',
  },
} as const;
