/** Stop when answered: tasks marked done, the 30 % rule (docs/reminders-digest-and-stats.md). */
export const answeredCatalog = {
  'help.opt.confirmAnswered': {
    en: 'close the tasks of answers held back because many people dropped out of one input at once',
    ja: '一度に多くの人が入力から外れたため保留した回答について、タスクを完了にする',
  },
  'answered.held': {
    en: 'Reminder {id}: {count} of {pending} pending people ({percent}%) dropped out of one input at once. Their tasks are left open (follow-ups stop) until you confirm.',
    ja: 'リマインド{id}: 未回答の{pending}人のうち{count}人（{percent}%）が一度に入力から外れました。確認されるまでタスクは完了にしません（再送は止めます）。',
  },
  'answered.fixConfirm': {
    en: 'If the export is right, confirm with: himanager-chatwork send-reminders --input <file> --confirm-answered',
    ja: '書き出しが正しければ、次のコマンドで確定してください: himanager-chatwork send-reminders --input <ファイル> --confirm-answered',
  },
  'answered.closed': { en: 'Marked {count} tasks done: those people answered.', ja: '回答済みの人のタスク{count}件を完了にしました。' },
  'answered.refused': {
    en: 'Chatwork did not let {count} tasks be marked done ({who}); they are left as they are and not tried again. See: himanager-chatwork history',
    ja: 'Chatworkがタスク{count}件の完了を受け付けませんでした（{who}）。そのままにし、再試行はしません。詳細は次のコマンドで確認できます: himanager-chatwork history',
  },
  // History lines of the pairs whose task was looked at on answer (reasons kept in the skips table).
  'skip.task-closed': { en: 'answered: the task was marked done', ja: '回答済みのためタスクを完了にしました' },
  'skip.task-close-refused': { en: 'answered, but Chatwork did not let the task be marked done (not tried again)', ja: '回答済みですが、Chatworkがタスクの完了を受け付けませんでした（再試行しません）' },
  'skip.task-close-gone': { en: 'answered: the task no longer exists', ja: '回答済みです。タスクはすでに削除されています' },
  'skip.task-close-failed': { en: 'answered, but marking the task done failed (not tried again)', ja: '回答済みですが、タスクを完了にできませんでした（再試行しません）' },
} as const;
