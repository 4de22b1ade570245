import type { Deps } from '../deps.js';
import { importUsers } from '../himanager-users/import.js';

export interface UsersImportOptions { file: string; encoding?: string; json?: boolean }

export async function run(options: UsersImportOptions, deps: Deps): Promise<void> {
  return importUsers(deps, options);
}
