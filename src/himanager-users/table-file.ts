import { parseProblem } from '../io/parse-problem.js';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors/index.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Params } from '../i18n/translate.js';

/**
 * One row of a CSV or JSON file, keyed by canonical column, with the line it came from.
 * CSV cells are strings; JSON values are kept as written, for the schema to judge.
 */
export interface Row { line: number; values: Record<string, unknown> }

/** A problem in an input file; `record` is the record number where records and lines differ. */
export interface Problem { line: number; record?: number; key: MessageKey; params?: Params }

/**
 * Reads a CSV or JSON table and maps its headers to canonical names through the
 * aliases (Japanese headers included). JSON is an array of objects.
 */
export function readTable(path: string, text: string, aliases: Record<string, string[]>): { rows: Row[]; columns: Set<string>; problems: Problem[] } {
  const canonical = (header: string): string | undefined => {
    const key = header.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');
    for (const [name, names] of Object.entries(aliases)) {
      if ([name, ...names].some((alias) => alias.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '') === key)) return name;
    }
    return undefined;
  };
  const trimmed = text.replace(/^\uFEFF/, '');
  if (/\.json$/i.test(path) || /^\s*\[/.test(trimmed)) return readJson(path, trimmed, canonical);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(trimmed, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new UsageError('table.badCsv', { path, line: line ?? '?' }, { details: [parseProblem(error)] });
  }
  if (records.length === 0) throw new UsageError('table.empty', { path });
  const headers = records[0]!.record.map(canonical);
  const columns = new Set(headers.filter((h): h is string => h !== undefined));
  const problems: Problem[] = [];
  const rows: Row[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    // A file cut mid-row ends in a row with too few cells: an error, never a shorter file.
    if (record.length < headers.length) {
      problems.push({ line: info.lines, key: 'table.shortRow', params: { found: record.length, expected: headers.length } });
      continue;
    }
    const values: Record<string, string> = {};
    headers.forEach((header, index) => { if (header) values[header] = (record[index] ?? '').trim(); });
    rows.push({ line: info.lines, values });
  }
  return { rows, columns, problems };
}

function readJson(path: string, text: string, canonical: (header: string) => string | undefined): { rows: Row[]; columns: Set<string>; problems: Problem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError('table.badJson', { path }, { details: [parseProblem(error, text)] });
  }
  if (!Array.isArray(data)) throw new UsageError('table.badJson', { path }, { details: [{ key: 'parse.notArray' }] });
  const columns = new Set<string>();
  const problems: Problem[] = [];
  const rows = data.map((item, index) => {
    const values: Record<string, unknown> = {};
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const name = canonical(key);
        if (name && value !== null && value !== undefined) {
          values[name] = value;
          columns.add(name);
        }
      }
    } else {
      problems.push({ line: index + 1, key: 'reminder.notObject' });
    }
    // For JSON, "line" is the record number: what an admin can find in the file.
    return { line: index + 1, values };
  });
  return { rows, columns, problems };
}
