import type { Deps } from '../../../deps.js';
import { readDump } from '../../../state/read-dump.js';
import { maxInputBytes } from '../../../io/input-limit.js';

export interface StateImportOptions { file: string; force?: boolean; maxInputSize?: string }

/** Reads a dump whole and checks every line first; then writes it in one transaction. */
export async function run(options: StateImportOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const records = await readDump(options.file, maxInputBytes(options.maxInputSize, deps.env.processEnv));
  const store = await deps.stores.state();
  const { assertEmpty } = await import('../../../state/copy.js');
  if (!options.force) await assertEmpty(store);
  const count = await store.restore(records);
  io.err(t('state.importedDump', { count, file: options.file, location: store.info.location }));
}
