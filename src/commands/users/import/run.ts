import type { Deps } from '../../../deps.js';
import { importUsers } from '../../../himanager-users/import.js';
import type { UsersImportOptions } from './command.js';

export async function run(options: UsersImportOptions, deps: Deps): Promise<void> {
  return importUsers(deps, options);
}
