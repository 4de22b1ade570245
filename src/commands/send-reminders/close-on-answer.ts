import type { ChatworkApi } from '../../chatwork/client/index.js';
import type { Deps } from '../../deps/deps.js';
import { nextHolds, planCloses, type AnsweredHold } from '../../delivery/answered-share.js';
import { closeAnsweredTasks, type CloseResult } from '../../delivery/close-tasks.js';
import type { ObservedReminder } from '../../store/repos/reminders.js';
import type { Store } from '../../store/store.js';

export interface AnsweredSummary {
  /** People who dropped out of this input (answered), over every reminder. */
  answered: number;
  tasks: { closed: number; refused: number; gone: number; failed: number };
  /** Reminders whose answers wait for --confirm-answered (this run's and earlier ones). */
  held: AnsweredHold[];
}

/**
 * Stop when answered, the tasks: a person who dropped out of a reminder's input has their task
 * of it marked done, unless too many dropped out at once (then held, with a warning, until
 * `--confirm-answered`, which also closes what earlier runs held). Each close is tried once; a
 * refusal is said once here and kept as the pair's history line. A dry run says what it would do.
 */
export async function closeOnAnswer(deps: Deps, store: Store, api: ChatworkApi, observed: ObservedReminder[],
  options: { confirmed: boolean; dryRun: boolean; ownAccountId: number }): Promise<AnsweredSummary> {
  const { io, t, clock } = deps;
  const config = await store.config.get();
  const before = config.answeredHolds ?? [];
  const plan = planCloses(observed, { confirmed: options.confirmed, at: clock.now() });
  if (options.confirmed) {
    for (const hold of before) {
      if (plan.close.some((c) => c.reminderId === hold.reminderId)) continue;
      plan.close.push({ reminderId: hold.reminderId, userIds: (await store.reminders.answered(hold.reminderId)).map((a) => a.userId) });
    }
  }
  const held = nextHolds(before, plan, options.confirmed);
  const summary: AnsweredSummary = { answered: observed.reduce((n, o) => n + o.answered.length, 0), tasks: { closed: 0, refused: 0, gone: 0, failed: 0 }, held };
  for (const hold of plan.held) {
    io.err(t('answered.held', { id: hold.reminderId, count: hold.answered, pending: hold.pendingBefore, percent: Math.round((100 * hold.answered) / hold.pendingBefore) }));
  }
  if (options.dryRun) return summary;
  if (JSON.stringify(held) !== JSON.stringify(before)) {
    await store.config.update((c) => { if (held.length) c.answeredHolds = held; else delete c.answeredHolds; });
  }
  const userIds = [...new Set(plan.close.flatMap((c) => c.userIds))];
  if (!userIds.length) return summary;
  const links = await store.links.byUserIds(userIds);
  const results = await closeAnsweredTasks(plan.close, { api, ledger: store.deliveries, clock, ownAccountId: options.ownAccountId, links });
  count(summary, results);
  if (summary.tasks.closed) io.err(t('answered.closed', { count: summary.tasks.closed }));
  const refused = results.filter((r) => r.outcome === 'task-close-refused' || r.outcome === 'task-close-failed');
  if (refused.length) {
    io.err(t('answered.refused', { count: refused.length, who: [...new Set(refused.map((r) => `${r.userId} (${r.reminderId})`))].slice(0, 5).join(', ') }));
    for (const r of refused) io.verbose(`task ${r.taskId} in room ${r.roomId} (${r.reminderId}, ${r.userId}) not marked done: ${r.detail ?? r.outcome}`);
  }
  return summary;
}

function count(summary: AnsweredSummary, results: CloseResult[]): void {
  for (const r of results) {
    if (r.outcome === 'task-closed') summary.tasks.closed += 1;
    else if (r.outcome === 'task-close-refused') summary.tasks.refused += 1;
    else if (r.outcome === 'task-close-gone') summary.tasks.gone += 1;
    else summary.tasks.failed += 1;
  }
}
