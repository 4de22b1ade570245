import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Params } from '../i18n/translate.js';

/** One row of a CSV or JSON file, keyed by canonical column, with the line it came from. */
export interface Row { line: number; values: Record<string, string> }

/** A problem in an input file; `record` is the record number where records and lines differ. */
export interface Problem { line: number; record?: number; key: MessageKey; params?: Params }

/**
 * Reads a CSV or JSON table and maps its headers to canonical names through the
 * aliases (Japanese headers included). JSON is an array of objects.
 */
export function readTable(path: string, text: string, aliases: Record<string, string[]>): { rows: Row[]; columns: Set<string> } {
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
    throw new UsageError('table.badCsv', { path, line: line ?? '?', reason: (error as Error).message });
  }
  if (records.length === 0) throw new UsageError('table.empty', { path });
  const headers = records[0]!.record.map(canonical);
  const columns = new Set(headers.filter((h): h is string => h !== undefined));
  const rows = records.slice(1).map(({ record, info }) => {
    const values: Record<string, string> = {};
    headers.forEach((header, index) => { if (header) values[header] = (record[index] ?? '').trim(); });
    return { line: info.lines, values };
  });
  return { rows, columns };
}

function readJson(path: string, text: string, canonical: (header: string) => string | undefined): { rows: Row[]; columns: Set<string> } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError('table.badJson', { path, reason: (error as Error).message });
  }
  if (!Array.isArray(data)) throw new UsageError('table.badJson', { path, reason: 'expected an array of objects' });
  const columns = new Set<string>();
  const rows = data.map((item, index) => {
    const values: Record<string, string> = {};
    if (item && typeof item === 'object') {
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const name = canonical(key);
        if (name && value !== null && value !== undefined) {
          values[name] = String(value).trim();
          columns.add(name);
        }
      }
    }
    // For JSON, "line" is the record number: what an admin can find in the file.
    return { line: index + 1, values };
  });
  return { rows, columns };
}
