import type { Deps } from '../../../deps/deps.js';
import { importUsers, type UsersFile } from '../../../flows/import-users.js';

export type UsersImportOptions = UsersFile;

export async function run(options: UsersImportOptions, deps: Deps): Promise<void> {
  return importUsers(deps, options);
}
