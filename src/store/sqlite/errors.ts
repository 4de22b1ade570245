import { CliError } from '../../errors.js';

/** SQLite's primary result codes that mean the file system, not the program, is at fault. */
const BY_CODE: Record<number, 'state.diskFull' | 'state.readOnly' | 'state.ioError' | 'state.cannotOpen' | 'state.busy'> = {
  13: 'state.diskFull', // SQLITE_FULL
  8: 'state.readOnly', // SQLITE_READONLY
  10: 'state.ioError', // SQLITE_IOERR
  14: 'state.cannotOpen', // SQLITE_CANTOPEN
  5: 'state.busy', // SQLITE_BUSY: another process held the write lock past the timeout
};

/** A SQLite error the admin can act on, naming the file; anything else is passed on as it is. */
export function sqliteError(error: unknown, path: string): unknown {
  const errcode = (error as { errcode?: number }).errcode;
  if ((error as { code?: string }).code !== 'ERR_SQLITE_ERROR' || errcode === undefined) return error;
  const key = BY_CODE[errcode & 0xff];
  return key ? new CliError(key, { path }, { cause: error }) : error;
}
