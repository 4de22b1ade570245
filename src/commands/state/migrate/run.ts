import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Deps } from '../../../deps/deps.js';
import { CliError, UsageError } from '../../../errors/index.js';
import { assertEmpty, countsOf } from '../../../store/copy.js';
import { copyLogin, removeSourceTokens } from '../../../flows/move-login.js';
import { movedParams } from '../../../store/moved.js';
import { openStore, resolveStoreLocation } from '../../../store/open.js';

export interface StateMigrateOptions { to?: string; force?: boolean }

/**
 * Copies everything to another store (the laptop's file to a shared PostgreSQL, say), checks
 * the counts, moves the login, and marks the source as moved, last: from then on every command
 * on the source refuses and names the new location, so there is one live store. The send lock
 * of the source is held throughout (no run sends meanwhile), the token lock while the login
 * moves (no host spends the refresh token being copied). A target the state once moved out of
 * is replaced whole and becomes live again: the only way a moved store comes back.
 */
export async function run(options: StateMigrateOptions, deps: Deps): Promise<void> {
  const { io, t, env, clock } = deps;
  if (!options.to) throw new UsageError('state.needTo');
  const location = resolveStoreLocation(options.to, env.configDir, '--to');
  if (location.backend === 'sqlite') await assertDirectory(dirname(location.path));
  const source = await deps.stores.state();
  const sameFile = location.backend === 'sqlite' && source.info.backend === 'sqlite' && location.path === source.info.location;
  if (sameFile) throw new UsageError('state.sameStore', { location: source.info.location });
  const { store: target } = await openStore(location, { clock, configDir: env.configDir, stateKey: env.stateKey, postgres: env.postgresDefaults, fenceTimings: env.fenceTimings });
  try {
    if (target.info.backend === source.info.backend && target.info.location === source.info.location) {
      throw new UsageError('state.sameStore', { location: source.info.location });
    }
    const lock = await source.locks.acquireRun();
    try {
      const earlier = await target.moved.get();
      // Its rows are a stale copy of the state that moved out of it: no --force to replace them.
      const comingBack = earlier?.location === source.info.location;
      if (!options.force && !comingBack) await assertEmpty(target);
      const { records: copied } = await target.restore(source.exportRecords(), { trustAccount: true, replace: earlier !== undefined });
      const [want, got] = await Promise.all([countsOf(source), countsOf(target)]);
      const differs = Object.keys(want).filter((key) => want[key] !== got[key]);
      if ((earlier || !options.force) && differs.length) {
        throw new CliError('state.migrateMismatch', { fields: differs.map((key) => `${key} ${want[key]} → ${got[key]}`).join(', ') });
      }
      const marker = { location: target.info.location, at: clock.now(), host: deps.run.host, runId: deps.run.id };
      const login = await source.locks.withTokenLock(async () => {
        const move = await copyLogin(deps, source, target);
        if (earlier) await target.moved.clear();
        await source.moved.set(marker);
        return move;
      });
      io.err(t('state.migrated', { count: copied, location: target.info.location }));
      if (earlier) io.err(t('state.migratedBack', { location: target.info.location }));
      if (login.kind === 'stays') io.err(t('state.secretsStay', { location: target.info.location, where: login.where }));
      else io.err(t(login.kind === 'encrypted' ? 'state.secretsEncrypted' : 'state.secretsLocal', { count: login.copied, location: target.info.location, where: login.where }));
      const removedFrom = await removeSourceTokens(deps, login);
      if (removedFrom) io.err(t('state.tokenRemoved', { where: removedFrom, location: login.where }));
      io.err(t('state.sourceMarked', movedParams(source.info.location, marker)));
    } finally {
      await lock.release();
    }
  } finally {
    await target.close();
  }
}

/** `--to /missing/dir/state.db`: named, before anything is opened or written. */
async function assertDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError('state.migrateNoDir', { dir });
}
