import type { Deps } from '../../../deps/deps.js';
import { importUsers, type UsersFile } from '../../../himanager-users/import.js';

export type UsersImportOptions = UsersFile;

export async function run(options: UsersImportOptions, deps: Deps): Promise<void> {
  return importUsers(deps, options);
}
