import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, fileSystemError } from '../../errors/index.js';

/** Less free space than this beside the database: an I/O error there is a full disk. */
const NEARLY_FULL_BYTES = 256 * 1024;

/**
 * A SQLite error the admin can act on, naming the file: full, read-only and permission through
 * the one file-system mapping every writer uses; an I/O error or a file that cannot be opened on
 * a disk with no room left is a full disk too (SQLite cannot make its -wal and -shm files).
 */
export function sqliteError(error: unknown, path: string): unknown {
  const { code, errcode } = (error ?? {}) as { code?: string; errcode?: number };
  if (code !== 'ERR_SQLITE_ERROR' || errcode === undefined) return fileSystemError(error, path);
  const primary = errcode & 0xff;
  if (primary === 10 || primary === 14) {
    if (freeBytes(path) < NEARLY_FULL_BYTES) return fileSystemError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), path);
    return new CliError(primary === 10 ? 'state.ioError' : 'state.cannotOpen', { path }, { cause: error });
  }
  if (primary === 5) return new CliError('state.busy', { path }, { cause: error });
  // SQLITE_CORRUPT, SQLITE_NOTADB: nothing in it can be trusted, so nothing is taken for "not sent".
  if (primary === 11 || primary === 26) return new CliError('state.corrupt', { path }, { cause: error, hint: { key: 'state.corruptHint', params: { path } } });
  return fileSystemError(error, path);
}

function freeBytes(path: string): number {
  try {
    const stats = statfsSync(dirname(path));
    return stats.bavail * stats.bsize;
  } catch {
    return Infinity;
  }
}
