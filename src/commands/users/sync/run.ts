import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { readInput } from '../../../delivery/input.js';
import { maxInputBytes } from '../../../io/input-limit.js';
import { syncDirectory, type DirectoryOptions } from '../../../flows/sync-users.js';

export interface UsersSyncOptions extends DirectoryOptions { input?: string; header?: string[]; maxInputSize?: string; ping?: string }

/**
 * The job cron runs after the HR system's nightly export: adds, changes and retires people in
 * one transaction. Exit 0 when the directory matches the export (or a dry run showed the diff);
 * 2 for a bad export (nothing changed); 3 when the guard refused a mass retirement.
 */
export async function run(options: UsersSyncOptions, deps: Deps): Promise<number> {
  if (!options.input) throw new UsageError('usersSync.needInput');
  const { text, name, encoding } = await readInput({
    input: options.input, headers: options.header, env: deps.env.processEnv, stdin: deps.io.stdin, registerSecret: deps.io.registerSecret,
    maxBytes: maxInputBytes(options.maxInputSize, deps.env.processEnv),
  });
  await syncDirectory(deps, { name, text, encoding }, options);
  return 0;
}
