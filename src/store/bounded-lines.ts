import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tooLarge } from '../io/input-limit.js';

/** One line of a file as read, or the fact that it is longer than the limit (its bytes are never kept). */
export type BoundedLine = { line: number; text: string } | { line: number; tooLong: true } | { line: number; notUtf8: true };

/**
 * The lines of a file, each at most `maxBytes` long, as a stream of bytes split at LF: a line
 * over the limit is reported by its number and skipped without being held in memory, where
 * readline would grow one string until V8 throws a RangeError (a 600 MB line). A line that is
 * not valid UTF-8 is reported too, never read as U+FFFD. CRLF and a leading BOM are accepted.
 */
export async function* boundedLines(file: string, maxBytes: number, maxFileBytes = Infinity): AsyncGenerator<BoundedLine> {
  // The whole input is bounded too (--max-input-size): a regular file by its size, anything else while read.
  const info = await stat(file);
  if (info.isFile() && info.size > maxFileBytes) throw tooLarge(file, maxFileBytes);
  let total = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 1;
  const finish = (): BoundedLine => {
    const at = line++;
    if (tooLong) return { line: at, tooLong: true };
    let bytes = Buffer.concat(parts, size);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    try {
      return { line: at, text: decoder.decode(bytes) };
    } catch {
      return { line: at, notUtf8: true };
    }
  };
  const reset = () => { parts = []; size = 0; tooLong = false; };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxFileBytes) throw tooLarge(file, maxFileBytes);
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
      if (!tooLong) {
        if (size + piece.length > maxBytes) {
          tooLong = true;
          parts = [];
        } else {
          parts.push(piece);
          size += piece.length;
        }
      }
      if (end === -1) break;
      yield finish();
      reset();
      start = end + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}
