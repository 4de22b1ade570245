import { readTextFile } from '../himanager-users/read-text.js';
import { maxInputBytes } from '../io/input-limit.js';
import { syncDirectory, type DirectoryOptions } from './sync-users.js';
import type { Deps } from '../deps/deps.js';

export interface UsersFile extends DirectoryOptions { file: string; encoding?: string; maxInputSize?: string }

/**
 * The directory from a HiManager users file, as `users import` and setup's step 5 read it: the
 * same rule and path as `users sync` (people absent from the file are retired, never deleted),
 * from a local file, with --encoding.
 */
export async function importUsers(deps: Deps, options: UsersFile): Promise<void> {
  const { text, encoding } = await readTextFile(options.file, options.encoding, maxInputBytes(options.maxInputSize, deps.env.processEnv));
  await syncDirectory(deps, { name: options.file, text, encoding }, options);
}
