import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';
import { DEFAULT_MAX_INPUT_BYTES, limitBytes } from '../io/input-limit.js';
import { configSchema } from '../store/config-schema.js';
import { DUMP_FORMAT, dumpRecord, type DumpRecord } from '../store/dump-format.js';

/** Every line parsed and checked against the format before anything is written; errors name file, line and field. */
export async function readDump(file: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): Promise<DumpRecord[]> {
  const records: DumpRecord[] = [];
  let line = 0;
  try {
    for await (const text of createInterface({ input: pipeline(createReadStream(file), limitBytes(file, maxBytes), () => {}), crlfDelay: Infinity })) {
      line += 1;
      if (!text.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new UsageError('state.dumpBadLine', { file, line, reason: 'not JSON' });
      }
      const parsed = dumpRecord.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new UsageError('state.dumpBadLine', { file, line, reason: `${issue.path.join('.') || 'kind'}: ${issue.message}` });
      }
      if (records.length === 0 && parsed.data.kind !== 'header') throw new UsageError('state.dumpNoHeader', { file, format: DUMP_FORMAT });
      // A setting is checked by the same schema that every read of the settings uses.
      if (parsed.data.kind === 'setting' && parsed.data.key in configSchema.shape) {
        const setting = configSchema.shape[parsed.data.key as keyof typeof configSchema.shape].safeParse(parsed.data.value);
        if (!setting.success) {
          const issue = setting.error.issues[0]!;
          throw new UsageError('state.dumpBadLine', { file, line, reason: `${[parsed.data.key, ...issue.path].join('.')}: ${issue.message}` });
        }
      }
      records.push(parsed.data);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError('state.dumpMissing', { file });
    throw error;
  }
  if (records.length === 0) throw new UsageError('state.dumpNoHeader', { file, format: DUMP_FORMAT });
  return records;
}
