import type { Deps } from '../../../deps.js';

/** Clears the send-reminders lock of a run that is gone; a live run's lock is refused (exit 5). */
export async function run(_options: object, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const cleared = await (await deps.stores.state()).locks.breakRun();
  io.err(t(cleared ? 'state.unlocked' : 'state.notLocked'));
}
