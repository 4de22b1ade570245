/** Inputs (size limits, template files) and held deliveries withdrawn; catalog.ts spreads them into the one catalog. */
export const inputsCatalog = {
  'help.opt.maxInputSize': {
    en: 'the most one input may hold, e.g. 512MB (default 256MB, or HIMANAGER_CHATWORK_MAX_INPUT_SIZE; MB = 1,000,000 bytes, at most 512MB for text)',
    ja: '1つの入力の上限サイズ。例: 512MB（既定は256MB、または環境変数HIMANAGER_CHATWORK_MAX_INPUT_SIZE。MBは1,000,000バイト。テキストは最大512MB）',
  },
  'inputs.tooLarge': {
    en: '{name} is larger than {limit}, the most one input may hold; nothing was read. If it is meant to be this large, raise the limit with --max-input-size (for example --max-input-size 512MB) or HIMANAGER_CHATWORK_MAX_INPUT_SIZE.',
    ja: '{name}は1つの入力の上限（{limit}）を超えているため、読み込んでいません。意図したサイズであれば、--max-input-size（例: --max-input-size 512MB）または環境変数HIMANAGER_CHATWORK_MAX_INPUT_SIZEで上限を引き上げてください。',
  },
  'inputs.badSize': {
    en: '{source} "{value}" is not a size: give a number of bytes or one with KB, MB or GB (for example 512MB).',
    ja: '{source}の「{value}」はサイズとして使えません。バイト数、またはKB・MB・GBを付けた値（例: 512MB）を指定してください。',
  },
  'inputs.templateNotSaved': {
    en: 'The edited template was not saved. Your text follows: fix it and save it with `templates set {typeArg} --lang {langArg} --file <file>`.',
    ja: '編集したテンプレートは保存していません。編集内容を次に示します。修正してから`templates set {typeArg} --lang {langArg} --file <file>`で保存してください。',
  },
  'history.status.withdrawn': { en: 'withdrawn', ja: '取り下げ' },
  'skip.withdrawn-unlinked': {
    en: 'withdrawn before it went out: the user was unlinked; sent again once linked',
    ja: '送信前に取り下げ（紐付けが解除されたため）。紐付け後に改めて送信します',
  },
  'skip.withdrawn-relinked': {
    en: 'withdrawn before it went out: the user is now linked to another Chatwork account; planned again for that account',
    ja: '送信前に取り下げ（別のChatworkアカウントに紐付け直されたため）。新しい紐付け先へ改めて送信します',
  },
  'skip.withdrawn-user-removed': {
    en: 'withdrawn before it went out: the user is no longer in the user list',
    ja: '送信前に取り下げ（ユーザー一覧から削除されたため）',
  },
  'skip.withdrawn-destination-off': {
    en: 'withdrawn before it went out: the destination of this type is off or unset',
    ja: '送信前に取り下げ（この種類の送信先が「送信しない」または未設定のため）',
  },
  'skip.withdrawn-destination-changed': {
    en: 'withdrawn before it went out: the destination of this type changed; planned again for the new one',
    ja: '送信前に取り下げ（この種類の送信先が変更されたため）。新しい送信先へ改めて送信します',
  },
  'skip.withdrawn-with-others': {
    en: 'withdrawn before it went out with the rest of its group chat post (another recipient\'s link changed); planned again',
    ja: '送信前に取り下げ（同じグループチャットへの投稿の別の宛先の紐付けが変わったため）。改めて送信します',
  },
  'inputs.withdrawn': {
    en: 'Withdrew {count} held deliveries that were waiting for the send window (see `history --status withdrawn`).',
    ja: '送信時間帯を待っていた保留中の送信{count}件を取り下げました（`history --status withdrawn`で確認できます）。',
  },
  'inputs.heldInFlight': {
    en: '{count} held deliveries may have been posted already and no longer pass the checks (link, destination, user list): not sent; look at `history --status in-flight`.',
    ja: '保留中の送信のうち{count}件は送信済みの可能性があり、確認（紐付け・送信先・ユーザー一覧）に通らなくなったため送信していません。`history --status in-flight`で確認してください。',
  },
} as const;
