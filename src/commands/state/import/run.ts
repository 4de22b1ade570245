import type { Deps } from '../../../deps/deps.js';
import { readDump } from '../../../store/read-dump.js';
import { maxInputBytes } from '../../../io/input-limit.js';

export interface StateImportOptions { file: string; force?: boolean; maxInputSize?: string }

/**
 * Reads a dump whole and checks every line first; then writes it in one transaction. With
 * --force into a store that holds state, nothing goes back: a delivery the store has sent,
 * recalled or in flight stays so, and the report says how many it kept.
 */
export async function run(options: StateImportOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const records = await readDump(options.file, maxInputBytes(options.maxInputSize, deps.env.processEnv));
  const store = await deps.stores.state();
  const { assertEmpty } = await import('../../../store/copy.js');
  if (!options.force) await assertEmpty(store);
  const result = await store.restore(records);
  io.err(t('state.importedDump', { count: result.records, file: options.file, location: store.info.location }));
  if (result.kept.deliveries + result.kept.pairs > 0) io.err(t('restore.kept', { deliveries: result.kept.deliveries, pairs: result.kept.pairs }));
  if (result.accountSkipped) io.err(t('restore.accountSkipped'));
}
