import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors/index.js';
import { invalidFile } from '../himanager-users/problems.js';
import { jsonArrayElements, parsedElements } from '../io/json-array.js';
import { parseProblem } from '../io/parse-problem.js';

/** One input record as written, with where it stands in the input. */
export interface RawRecord { record: number; line: number; values: Record<string, unknown> }

/**
 * JSON array, NDJSON or CSV, told apart by the first character. An HTML or XML page (a
 * login page served instead of the export) is none of them, and says so.
 */
export function parseRecords(name: string, text: string): Iterable<RawRecord> {
  const start = /\S/.exec(text.slice(0, 4096))?.[0] ?? (text.trim() === '' ? undefined : text.trimStart()[0]);
  if (start === '[') return parseJsonArray(name, text);
  if (start === '{') return parseNdjson(name, text);
  if (start === undefined) return [];
  if (start === '<') throw new UsageError('input.notRecords', { name, kind: /^\s*<(!doctype\s+)?html/i.test(text) ? 'HTML' : 'HTML / XML' });
  return parseCsv(name, text);
}

function* parseJsonArray(name: string, text: string): Generator<RawRecord> {
  const elements = jsonArrayElements(text);
  // Not one well-formed array: parsed whole, for JSON.parse's own error and its position.
  if (!elements) {
    yield* wholeJsonArray(name, text);
    return;
  }
  // Each record parsed on its own and let go once it is validated.
  let index = 0;
  try {
    for (const values of parsedElements(text, elements)) {
      yield { record: index + 1, line: elements.lines[index]!, values: isObject(values) ? values : { __notAnObject: true } };
      index += 1;
    }
  } catch (error) {
    // Malformed inside a record: the whole text's own error, naming its line and column.
    throw error instanceof SyntaxError ? badJson(name, text, error) : error;
  }
}

/** JSON.parse's own error for the whole text (its position is in the whole text), as the admin reads it. */
function badJson(name: string, text: string, cause: unknown): UsageError {
  try {
    JSON.parse(text);
  } catch (error) {
    return new UsageError('input.badJson', { name }, { details: [parseProblem(error, text)] });
  }
  return new UsageError('input.badJson', { name }, { details: [parseProblem(cause)] });
}

function* wholeJsonArray(name: string, text: string): Generator<RawRecord> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError('input.badJson', { name }, { details: [parseProblem(error, text)] });
  }
  if (!Array.isArray(data)) throw new UsageError('input.badJson', { name }, { details: [{ key: 'parse.notArray' }] });
  // Well-formed after all (the element scan is stricter than JSON): records without lines.
  for (let index = 0; index < data.length; index++) {
    const values: unknown = data[index];
    yield { record: index + 1, line: 0, values: isObject(values) ? values : { __notAnObject: true } };
  }
}

function* parseNdjson(name: string, text: string): Generator<RawRecord> {
  let record = 0;
  // Line by line with indexOf, not split(): a million lines are never held as an array of strings.
  let lineNumber = 0;
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    const line = text.slice(start, stop > start && text[stop - 1] === '\r' ? stop - 1 : stop);
    start = stop + 1;
    lineNumber += 1;
    if (line.trim() === '') continue;
    let values: unknown;
    try {
      values = JSON.parse(line);
    } catch (error) {
      throw new UsageError('input.badNdjson', { name, line: lineNumber }, { details: [parseProblem(error)] });
    }
    yield { record: ++record, line: lineNumber, values: isObject(values) ? values : { __notAnObject: true } };
  }
}

function* parseCsv(name: string, text: string): Generator<RawRecord> {
  let rows: [string[], number][];
  try {
    // Only the line of each row is kept: csv-parse's `info` object per row costs more than the row.
    rows = parse(text, {
      relax_column_count: true, skip_empty_lines: true, bom: true,
      on_record: ((record: string[], context: { lines: number }) => [record, context.lines]) as never,
    }) as never;
  } catch (error) {
    throw new UsageError('input.badCsv', { name, line: (error as { lines?: number }).lines ?? '?' }, { details: [parseProblem(error)] });
  }
  const header = rows[0];
  if (!header) return;
  const columns = header[0].map((h) => h.trim().toLowerCase());
  // A file cut mid-row ends in a row with too few cells: an error, never one reminder fewer.
  const short = [];
  for (let i = 1; i < rows.length && short.length < 50; i++) {
    const [record, line] = rows[i]!;
    if (record.length < columns.length) short.push({ line, key: 'table.shortRow' as const, params: { found: record.length, expected: columns.length } });
  }
  if (short.length) throw invalidFile(name, short);
  for (let index = 1; index < rows.length; index++) {
    const [record, line] = rows[index]!;
    rows[index] = undefined as never; // let the row go as soon as it is read
    const values: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const cell = (record[i] ?? '').trim();
      if (cell === '') return;
      // In CSV several recipients are separated by ";".
      values[column] = column === 'to' ? cell.split(';').map((s) => s.trim()).filter(Boolean) : cell;
    });
    yield { record: index, line, values };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
