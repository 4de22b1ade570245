import { visible } from '../io/terminal-safe.js';
import { invalidFile } from './problems.js';
import { readTextFile } from './read-text.js';
import { maxInputBytes } from '../io/input-limit.js';
import { parseUsersFile } from './users-file.js';
import type { Deps } from '../deps.js';

export const TESTED_USERS = 100_000;

export interface UsersFile { file: string; encoding?: string; json?: boolean; maxInputSize?: string }

/**
 * The directory from a HiManager users file, as `users import` and setup's step 5 read it.
 * Validates the whole file first; a valid one replaces the directory at once.
 */
export async function importUsers(deps: Deps, options: UsersFile): Promise<void> {
  const { io, t } = deps;
  const { text, encoding } = await readTextFile(options.file, options.encoding, maxInputBytes(options.maxInputSize, deps.env.processEnv));
  const { users, problems } = parseUsersFile(options.file, text);
  if (problems.length) throw invalidFile(options.file, problems);

  const { added, changed, removed, orphanedLinks } = await (await deps.stores.state()).users.replaceAll(users);

  // The size the README says was tested; above it everything still works, only slower.
  if (users.length > TESTED_USERS) io.err(t('users.aboveTested', { count: users.length, tested: TESTED_USERS }));
  if (options.json) return io.json({ file: options.file, encoding, users: users.length, added, changed, removed, orphanedLinks });
  io.err(t('users.imported', { count: users.length, added: added.length, changed: changed.length, removed: removed.length, encoding }));
  if (orphanedLinks.length) {
    io.err(t('users.orphanedLinks', { count: orphanedLinks.length }));
    for (const id of orphanedLinks) io.err(`  ${visible(id)}`);
    io.err(t('users.orphanedHint'));
  }
}
