import type { Deps } from '../../../deps/deps.js';
import { ExitCode, UsageError } from '../../../errors/index.js';

export interface UnlockOptions { force?: boolean; yes?: boolean }

/**
 * Clears the send-reminders lock of a run that is gone; a live run's lock (a stopped one too)
 * is refused (exit 5). With --force, after a confirmation naming the pid, the lock is taken
 * away: the generation is raised, so that run stops before its next post when it resumes.
 */
export async function run(options: UnlockOptions, deps: Deps): Promise<number> {
  const { io, t } = deps;
  const store = await deps.stores.state();
  const holder = options.force ? await store.locks.runHolder() : undefined;
  if (holder && !holder.stale && !options.yes) {
    const who = { host: holder.owner.host, pid: holder.owner.pid, since: new Date(holder.owner.since).toISOString() };
    if (!io.canPrompt) throw new UsageError('state.unlockNeedYes', who);
    if (!await deps.prompts.confirm(t('state.unlockConfirm', who), { default: false })) {
      io.err(t('state.unlockCancelled'));
      return ExitCode.cancelled;
    }
  }
  const cleared = await store.locks.breakRun({ force: options.force === true });
  if (!cleared) io.err(t('state.notLocked'));
  else if (holder && !holder.stale) io.err(t('state.unlockedForced', { host: holder.owner.host, pid: holder.owner.pid }));
  else io.err(t('state.unlocked'));
  return ExitCode.ok;
}
