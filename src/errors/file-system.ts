import type { MessageKey } from '../i18n/catalog.js';
import { CliError, UsageError } from './cli-error.js';

/** What the operating system said, as the admin can act on it: disk full, read-only, no permission. */
const FILE_SYSTEM_CAUSES = {
  ENOSPC: 'fs.diskFull',
  EDQUOT: 'fs.quota',
  EROFS: 'fs.readOnly',
  EACCES: 'fs.denied',
  EPERM: 'fs.denied',
} as const satisfies Record<string, MessageKey>;

export class FileSystemError extends CliError {
  constructor(readonly code: keyof typeof FILE_SYSTEM_CAUSES, readonly path: string, cause: unknown) {
    super(FILE_SYSTEM_CAUSES[code], { path }, { cause, hint: { key: `${FILE_SYSTEM_CAUSES[code]}.hint` as MessageKey, params: { path } } });
  }
}

/**
 * For every write of state (a store, the secrets file, an export): turns ENOSPC, EDQUOT,
 * EROFS, EACCES and EPERM into an error that names the cause and the path; anything else
 * is returned as it was. Use as `catch (error) { throw fileSystemError(error, path) }`.
 */
export function fileSystemError(error: unknown, path?: string): unknown {
  if (error instanceof CliError) return error;
  const code = causeCode(error);
  if (code === undefined) return error;
  const where = path ?? (error as NodeJS.ErrnoException).path ?? '?';
  return new FileSystemError(code as keyof typeof FILE_SYSTEM_CAUSES, where, error);
}

/** A file that cannot be written where an option (`--output`) named it, said in words; a full disk and the like as fileSystemError says them. */
export function unwritableFile(path: string, dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UsageError('file.noFolder', { path, dir }, { cause: error });
  if (code === 'EISDIR') return new UsageError('file.isDirectory', { path }, { cause: error });
  return fileSystemError(error, path);
}

/** A file that cannot be read, said in words rather than as a raw errno code. */
export function unreadableFile(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new UsageError('file.missing', { path }, { cause: error });
  if (code === 'EISDIR') return new UsageError('file.isDirectory', { path }, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new UsageError('file.noPermission', { path }, { cause: error });
  return new UsageError('file.unreadable', { path, reason: code ?? String(error) }, { cause: error });
}

/**
 * The errno code, or its equivalent from a database: node:sqlite reports SQLITE_FULL (13),
 * SQLITE_READONLY (8) and SQLITE_PERM (3) in `errcode`, PostgreSQL disk_full as 53100.
 */
function causeCode(error: unknown): keyof typeof FILE_SYSTEM_CAUSES | undefined {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code in FILE_SYSTEM_CAUSES) return code as keyof typeof FILE_SYSTEM_CAUSES;
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') {
    return ({ 13: 'ENOSPC', 8: 'EROFS', 3: 'EPERM' } as const)[(errcode & 0xff) as 13 | 8 | 3];
  }
  if (code === '53100') return 'ENOSPC';
  return undefined;
}
