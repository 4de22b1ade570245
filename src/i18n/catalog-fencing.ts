/** Messages of the fenced run lock: a run that lost it, `state unlock --force`, the successor's wait. */
export const fencingCatalog = {
  'error.badFenceTimings': {
    en: '{source} must be a list of name=milliseconds (postTimeoutMs, marginMs, pingMs, sessionTimeoutMs), not "{value}".',
    ja: '{source}には「名前=ミリ秒」をコンマで区切って指定してください（指定値: "{value}"）。',
  },
  'state.fenced': {
    en: 'This run lost the send-reminders lock to another run (host {host}, pid {pid}, since {since:time}) and stopped before its next post. What was in flight is reconciled by the next run.',
    ja: 'この実行はsend-remindersのロックを別の実行（ホスト{host}、PID {pid}、{since:time}から）に奪われたため、次の投稿の前に止まりました。送信中だったものは次の実行で照合します。',
  },
  'state.fencedUnlocked': {
    en: 'The send-reminders lock of this run was cleared with "state unlock --force"; it stopped before its next post. The next run reconciles what was in flight.',
    ja: 'この実行のsend-remindersのロックは「state unlock --force」で解除されたため、次の投稿の前に止まりました。送信中だったものは次の実行で照合します。',
  },
  'state.lockLost': {
    en: 'The connection holding the send-reminders lock was closed by the database; this run stopped before its next post. Run it again.',
    ja: 'send-remindersのロックを保持していた接続がデータベースに切断されたため、この実行は次の投稿の前に止まりました。もう一度実行してください。',
  },
  'state.unlockLive': {
    en: 'The send-reminders lock is held by a live run (host {host}, pid {pid}, since {since:time}): not cleared. A stopped run (Ctrl-Z, a paused machine) still holds it; to take it away, run "state unlock --force".',
    ja: 'send-remindersのロックは実行中の処理（ホスト{host}、PID {pid}、{since:time}から）が保持しているため、解除していません。一時停止中の実行（端末での一時停止、停止したマシン）も保持したままです。取り上げるには「state unlock --force」を実行してください。',
  },
  'state.unlockConfirm': {
    en: 'Take the send-reminders lock from pid {pid} on host {host} (since {since:time})? That run will stop before its next post.',
    ja: 'ホスト{host}のPID {pid}（{since:time}から）からsend-remindersのロックを取り上げますか？その実行は次の投稿の前に止まります。',
  },
  'state.unlockNeedYes': {
    en: 'The send-reminders lock is held by pid {pid} on host {host}: pass --yes with --force to take it when not on a terminal.',
    ja: 'send-remindersのロックはホスト{host}のPID {pid}が保持しています。端末以外から取り上げるときは--forceに--yesを付けてください。',
  },
  'state.unlockCancelled': { en: 'Cancelled. The lock was left as it was.', ja: 'キャンセルしました。ロックはそのままです。' },
  'state.unlockedForced': {
    en: 'The send-reminders lock of pid {pid} on host {host} was taken away: that run stops before its next post.',
    ja: 'ホスト{host}のPID {pid}からsend-remindersのロックを取り上げました。その実行は次の投稿の前に止まります。',
  },
  'state.waitingInFlight': {
    en: 'The previous run may still have posts on the wire: waiting {seconds} s before reconciling them.',
    ja: '前回の実行の投稿がまだ送信中の可能性があるため、照合の前に{seconds}秒待ちます。',
  },
  'help.opt.unlockForce': {
    en: 'also take the lock from a live or stopped run (asks first; the run stops before its next post)',
    ja: '実行中または一時停止中の実行からもロックを取り上げる（確認あり。その実行は次の投稿の前に止まります）',
  },
} as const;
