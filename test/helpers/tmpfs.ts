import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, truncate, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small real file system that a test can fill up or make read-only: a tmpfs mounted
 * for the test. Needs root and mount(8) (CAP_SYS_ADMIN in a container); where that is
 * missing, `tmpfsSkipReason` says what is missing and tests skip with it in their title.
 */
export interface Tmpfs {
  dir: string;
  /** Fills the disk, leaving about `leaveBytes` free (tmpfs counts whole 4 KiB pages). */
  fill(leaveBytes?: number): Promise<void>;
  /** Frees what fill() took. */
  unfill(): Promise<void>;
  /** Remounts read-only (EROFS on every write), or read-write again. */
  readOnly(on: boolean): void;
  unmount(): void;
}

const FILLER = '.tmpfs-filler';

function probe(): string | undefined {
  if (process.platform !== 'linux') return `a tmpfs needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (run the tests as root, as .ci/run does)';
  const dir = mkdtempSync(join(tmpdir(), 'hmcw-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'pipe' });
    execFileSync('umount', [dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    return `mount(8) could not mount a tmpfs (needs CAP_SYS_ADMIN): ${detail}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Undefined where a tmpfs can be mounted; otherwise what is missing. */
export const tmpfsSkipReason: string | undefined = probe();
if (tmpfsSkipReason) console.warn(`skipping: ${tmpfsSkipReason}`);

export function mountTmpfs(sizeKiB = 256): Tmpfs {
  if (tmpfsSkipReason) throw new Error(tmpfsSkipReason);
  const dir = mkdtempSync(join(tmpdir(), 'hmcw-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  const filler = join(dir, FILLER);
  return {
    dir,
    async fill(leaveBytes = 0) {
      const handle = await open(filler, 'a');
      const page = Buffer.alloc(4096, 1);
      let size = 0;
      try {
        for (;;) size += (await handle.write(page)).bytesWritten;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await handle.close();
      }
      if (leaveBytes > 0) await truncate(filler, Math.max(0, size - leaveBytes));
    },
    async unfill() {
      await unlink(filler).catch(() => {});
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'pipe' });
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Files a failed write may leave behind: temp files of atomic writes. */
export function isTempFile(name: string): boolean {
  return name.endsWith('.tmp') || name.startsWith('.doctor-probe');
}
