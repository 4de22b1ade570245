import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Deps } from '../../../deps/deps.js';
import { DUMP_FORMAT, DUMP_VERSION } from '../../../store/dump-format.js';

export interface StateExportOptions { output?: string }

/**
 * The portable NDJSON dump (docs/state-dump.md), without secrets: to stdout, or to a file
 * written beside its final name and renamed when complete, so a cut-short export never
 * looks like a whole one.
 */
export async function run(options: StateExportOptions, deps: Deps): Promise<void> {
  const { io, t, clock } = deps;
  const store = await deps.stores.state();
  const temp = options.output ? `${options.output}.partial` : undefined;
  const out = temp ? createWriteStream(temp, { mode: 0o600, flags: 'wx' }) : undefined;
  const write = async (line: string) => {
    if (!out) return io.out(line);
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  let count = 0;
  try {
    await write(JSON.stringify({ kind: 'header', format: DUMP_FORMAT, version: DUMP_VERSION, exportedAt: new Date(clock.now()).toISOString(), schemaVersion: store.info.schemaVersion }));
    for await (const record of store.exportRecords()) {
      await write(JSON.stringify(record));
      count += 1;
    }
    if (out && temp) {
      out.end();
      await once(out, 'finish');
      await rename(temp, options.output!);
    }
  } catch (error) {
    if (out && temp) {
      out.destroy();
      await rm(temp, { force: true });
    }
    throw error;
  }
  io.err(t('state.exported', { count, where: options.output ?? '-' }));
}
