import { constants } from 'node:fs';
import { open, rename, unlink, mkdir, chmod, type FileHandle } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileSystemError } from '../errors/index.js';

/** O_EXCL and O_NOFOLLOW: a temp name planted in advance, or a symlink there, is never written through. */
const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes a file so that a reader sees either the old or the new content, never a mix,
 * and so that it survives a crash once this resolves: temp file created 0600, fsync,
 * rename over the target, fsync of the directory. On any failure (a full disk most of
 * all) the target is untouched, the temp file is removed, and the error names the cause.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const prepared = await prepareAtomicWrite(path, mode);
  await prepared.commit(data);
}

export interface PreparedWrite {
  /** Writes into the reserved space and renames over the target. */
  commit(data: string | Uint8Array): Promise<void>;
  /** Removes the temp file; the target stays as it was. */
  abandon(): Promise<void>;
}

/**
 * Creates the temp file now, and with `reserveBytes` fills it so that the disk space is
 * held before anything irreversible happens (a refresh token spent, say): the commit
 * then overwrites that space in place, which a full disk cannot refuse.
 */
export async function prepareAtomicWrite(path: string, mode = 0o600, reserveBytes = 0): Promise<PreparedWrite> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  const abandon = async () => {
    await handle?.close().catch(() => {});
    handle = undefined;
    await unlink(temp).catch(() => {});
  };
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    handle = await open(temp, CREATE_EXCLUSIVE, mode);
    if (reserveBytes > 0) {
      await writeFully(handle, Buffer.alloc(reserveBytes, 0x20));
      await handle.sync();
    }
  } catch (error) {
    await abandon();
    throw fileSystemError(error, path);
  }
  return {
    abandon,
    async commit(data) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      try {
        await writeFully(handle!, bytes);
        await handle!.truncate(bytes.length);
        await handle!.sync();
        await handle!.close();
        handle = undefined;
        await chmod(temp, mode); // the umask may have narrowed or widened what open() asked for
        await rename(temp, path);
      } catch (error) {
        await abandon();
        throw fileSystemError(error, path);
      }
      await syncDirectory(dir);
    },
  };
}

/**
 * write(2) may write less than asked (a disk that fills up midway) without an error;
 * only the next call reports ENOSPC. A short write taken as done is a truncated file.
 */
async function writeFully(handle: FileHandle, bytes: Uint8Array, position = 0): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    if (bytesWritten === 0) throw Object.assign(new Error('no progress writing'), { code: 'ENOSPC' });
    written += bytesWritten;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}
