import type { Deps } from '../../deps/deps.js';
import { ExitCode, UsageError } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { planRecall, recallAll, type RecallItem, type RecallOutcome, type RecallResult } from '../../delivery/recall.js';
import { routeOf } from '../../delivery/outbox.js';

export interface RecallOptions { reminder?: string; user?: string[]; dryRun?: boolean; yes?: boolean; json?: boolean }

/**
 * Takes back what one reminder delivered: messages deleted, tasks marked done, deferred ones
 * withdrawn. Holds the run lock (no send-reminders at the same time). The recalled pairs are
 * never sent again under this reminder id. Exit 0 when everything asked for is recalled; 3
 * when something could not be, failed, or is left for the next run.
 */
export async function run(options: RecallOptions, deps: Deps): Promise<number> {
  const { io, t, clock } = deps;
  const reminderId = options.reminder?.trim();
  if (!reminderId) throw new UsageError('admin.recall.needReminder');
  const store = await deps.stores.state();
  let users: Set<string> | undefined;
  if (options.user?.length) {
    users = new Set();
    for (const reference of options.user.flatMap((u) => u.split(',')).map((u) => u.trim()).filter(Boolean)) {
      const user = await store.users.find(reference);
      // A user no longer in the directory may still have deliveries: the id is taken as given.
      users.add(user?.id ?? reference);
    }
  }
  const entries = await store.deliveries.byReminder(reminderId);
  if (!entries.length) throw new UsageError('admin.recall.unknownReminder', { id: reminderId });
  const items = planRecall(entries, reminderId, users);
  if (!items.length) throw new UsageError('admin.recall.nothingForUsers', { id: reminderId });
  const names = new Map((await store.users.byIds([...new Set(items.flatMap((i) => [...i.users, ...(i.others ?? [])]))])).entries());
  const who = (ids: string[]) => ids.map((id) => (names.get(id) ? `${names.get(id)!.name} (${id})` : id)).join(deps.env.lang === 'ja' ? '、' : ', ');
  const todo = items.filter((i) => i.action !== 'already' && i.action !== 'skip');
  const cannot = items.filter((i) => i.action === 'skip');

  if (options.dryRun) {
    if (options.json) io.json({ reminderId, dryRun: true, items: items.map((i) => itemJson(i)) });
    else {
      for (const item of items) io.out(line(deps, item, who));
      io.err(t('admin.recall.dryRunSummary', { count: todo.length, cannot: cannot.length }));
    }
    return ExitCode.ok;
  }
  if (todo.length && !options.yes) {
    if (!io.canPrompt) throw new UsageError('admin.recall.needYes');
    for (const item of items) io.err(line(deps, item, who));
    if (!await deps.prompts.confirm(t('admin.recall.confirm', { id: reminderId, count: todo.length }), { default: false })) {
      io.err(t('admin.recall.cancelled'));
      return ExitCode.cancelled;
    }
  }

  const lock = await store.locks.acquireRun({
    onWait: (ms) => io.err(t('state.waitingInFlight', { seconds: Math.ceil(ms / 1000) })),
  });
  let results: RecallResult[];
  try {
    // Holding the lock: from here the run is on record even if it ends in exit 5 (fenced).
    await deps.lifecycle.began();
    const api = await deps.http.chatwork();
    // Fencing: every DELETE and PUT of this run is preceded by proof that it still holds the lock.
    api.guardWrites(lock.check);
    let stopping = false;
    const stopListening = io.onInterrupt(() => { stopping = true; api.stop(); io.err(t('admin.recall.stopping')); });
    try {
      // Re-read under the lock: another recall may have finished some of these meanwhile.
      const fresh = planRecall(await store.deliveries.byReminder(reminderId), reminderId, users);
      results = await recallAll(fresh, {
        api, ledger: store.deliveries, clock, generation: lock.generation, log: io.verbose,
        shouldStop: () => stopping || lock.signal?.aborted === true,
        onResult: options.json ? undefined : (result) => io.out(line(deps, result.item, who, result.outcome, result.reason)),
      });
    } finally {
      stopListening();
    }
    if (lock.signal?.aborted) await lock.check();
  } finally {
    await lock.release();
  }
  const count = (outcome: RecallOutcome) => results.filter((r) => r.outcome === outcome).length;
  const summary = {
    recalled: count('recalled') + count('gone'), closed: count('closed'), cancelled: count('cancelled'),
    failed: count('failed'), pending: count('pending'), cannot: cannot.length,
  };
  const exitCode = summary.failed || summary.pending || summary.cannot ? ExitCode.partial : ExitCode.ok;
  if (options.json) {
    const done = new Map(results.map((r) => [r.item.entry.key, r]));
    io.json({
      reminderId, exitCode, summary,
      items: items.map((i) => itemJson(i, done.get(i.entry.key))),
    });
    return exitCode;
  }
  for (const item of cannot) io.out(line(deps, item, who));
  io.err(t('admin.recall.summary', { id: reminderId, ...summary }));
  if (summary.closed) io.err(t('admin.recall.tasksNote'));
  if (summary.recalled + summary.closed + summary.cancelled) io.err(t('admin.recall.nextId', { id: reminderId }));
  if (summary.pending || summary.failed) io.err(t('admin.recall.pendingHint'));
  return exitCode;
}

function itemJson(item: RecallItem, result?: RecallResult) {
  return {
    users: item.users, roomId: item.entry.roomId, kind: item.entry.kind, action: item.action,
    ...(item.entry.messageId ? { messageId: item.entry.messageId } : {}), ...(item.entry.taskIds ? { taskIds: item.entry.taskIds } : {}),
    ...(item.why ? { reason: item.why } : {}), ...(item.others ? { alsoReaches: item.others } : {}),
    ...(result ? { outcome: result.outcome, ...(result.reason ? { detail: result.reason } : {}) } : {}),
  };
}

function line(deps: Deps, item: RecallItem, who: (ids: string[]) => string, outcome?: RecallOutcome, reason?: string): string {
  const { t } = deps;
  const route = routeOf(item.entry);
  const where = t(`admin.recall.where.${route}` as MessageKey, { roomId: item.entry.roomId });
  let note = '';
  if (item.why === 'shared') note = t('admin.recall.note.shared', { others: who(item.others ?? []) });
  else if (item.why === 'in-flight') note = t('admin.recall.note.inFlight');
  else if (item.why === 'digest') note = t('admin.recall.note.digest');
  else if (item.action === 'close' && !outcome) note = t('admin.recall.note.taskCannotDelete');
  const action = outcome ? t(`admin.recall.outcome.${outcome}` as MessageKey) : t(`admin.recall.action.${item.action}` as MessageKey);
  return t('admin.recall.line', { action, who: who(item.users), where, note: `${note}${reason && outcome === 'failed' ? ` ${reason}` : ''}` });
}
