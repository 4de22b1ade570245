import { UsageError } from '../errors/index.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../io/input-limit.js';
import { DUMP_FORMAT, dumpRecord, settingSchema, type DumpRecord } from './dump-format.js';
import { unsafePart } from './dump-fields.js';
import { boundedLines } from './bounded-lines.js';

/**
 * No record is longer than this: the largest is a group post's delivery (a 65,535-character
 * body and one pair per member mentioned). A longer line is refused by its number.
 */
const MAX_DUMP_LINE_BYTES = 16 * 1024 * 1024;

/** Every line parsed and checked against the format before anything is written; errors name file, line and field. */
export async function readDump(file: string, maxBytes = DEFAULT_MAX_INPUT_BYTES, maxLineBytes = MAX_DUMP_LINE_BYTES): Promise<DumpRecord[]> {
  const records: DumpRecord[] = [];
  const bad = (line: number, reason: string) => new UsageError('state.dumpBadLine', { file, line, reason });
  try {
    for await (const read of boundedLines(file, maxLineBytes, maxBytes)) {
      const { line } = read;
      if ('tooLong' in read) throw new UsageError('state.dumpLineTooLong', { file, line, megabytes: maxLineBytes / 1024 / 1024 });
      if ('notUtf8' in read) throw bad(line, 'not UTF-8');
      if (!read.text.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(read.text);
      } catch {
        throw bad(line, 'not JSON');
      }
      const unsafe = unsafePart(raw);
      if (unsafe) throw bad(line, `${unsafe.path.join('.') || 'kind'}: ${unsafe.reason}`);
      const parsed = dumpRecord.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw bad(line, `${issue.path.join('.') || 'kind'}: ${issue.message}`);
      }
      if (records.length === 0 && parsed.data.kind !== 'header') throw new UsageError('state.dumpNoHeader', { file, format: DUMP_FORMAT });
      // A setting is checked by the same schema that every read of the settings uses.
      if (parsed.data.kind === 'setting') {
        const setting = settingSchema(parsed.data.key).safeParse(parsed.data.value);
        if (!setting.success) {
          const issue = setting.error.issues[0]!;
          throw bad(line, `${[parsed.data.key, ...issue.path].join('.')}: ${issue.message}`);
        }
      }
      records.push(parsed.data);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('state.dumpMissing', { file });
    throw error;
  }
  if (records.length === 0) throw new UsageError('state.dumpNoHeader', { file, format: DUMP_FORMAT });
  return records;
}
