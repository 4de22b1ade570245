import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Deps } from '../../../deps/deps.js';
import { unwritableFile } from '../../../errors/index.js';
import { DUMP_FORMAT, DUMP_VERSION } from '../../../store/dump-format.js';

export interface StateExportOptions { output?: string }

/** O_EXCL and O_NOFOLLOW: never written through a name planted in advance, or a symlink. */
const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * The portable NDJSON dump (docs/state-dump.md), without secrets: to stdout, or to a file
 * written beside its final name and renamed when complete, so a cut-short export never
 * looks like a whole one. The temporary name is this export's own: two exports to one file
 * never write into, or remove, each other's.
 */
export async function run(options: StateExportOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  const store = await deps.stores.state();
  const target = options.output;
  const dir = target ? dirname(target) : '';
  const temp = target ? join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`) : undefined;
  const handle = temp ? await open(temp, CREATE_EXCLUSIVE, 0o600).catch((error: unknown) => { throw unwritableFile(target!, dir, error); }) : undefined;
  // Lines go to the file a megabyte at a time (writeFile writes a whole chunk, even across short writes).
  let chunk: string[] = [];
  let chunkLength = 0;
  const flush = async () => {
    if (!chunkLength) return;
    await handle!.writeFile(chunk.join(''));
    chunk = [];
    chunkLength = 0;
  };
  const write = async (line: string) => {
    if (!handle) return io.out(line);
    chunk.push(`${line}\n`);
    chunkLength += line.length + 1;
    if (chunkLength >= 1 << 20) await flush();
  };
  let count = 0;
  try {
    await write(JSON.stringify({ kind: 'header', format: DUMP_FORMAT, version: DUMP_VERSION, exportedAt: new Date(clock.now()).toISOString(), schemaVersion: store.info.schemaVersion }));
    for await (const record of store.exportRecords()) {
      await write(JSON.stringify(record));
      count += 1;
    }
    if (handle) {
      await flush();
      // On disk before it takes the final name: a crash never leaves a whole-looking empty file.
      await handle!.sync();
      await handle!.close();
      await rename(temp!, target!);
    }
  } catch (error) {
    if (handle) {
      await handle.close().catch(() => {});
      await rm(temp!, { force: true });
    }
    throw target ? unwritableFile(target, dir, error) : error;
  }
  io.err(t('state.exported', { count, where: target ?? '-' }));
}
