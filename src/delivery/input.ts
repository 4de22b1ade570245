import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';

/** One input record as written, with where it stands in the input. */
export interface RawRecord { record: number; line: number; values: Record<string, unknown> }

export interface InputSource { input: string; headers?: string[]; env: NodeJS.ProcessEnv; stdin: Readable }

/** Reads --input: a file, `-` for stdin, or an https URL (headers from --header, values may name env vars). */
export async function readInput(source: InputSource): Promise<{ text: string; name: string }> {
  if (source.input === '-') {
    let text = '';
    for await (const chunk of source.stdin) text += chunk;
    return { text, name: '<stdin>' };
  }
  if (/^[a-z]+:\/\//i.test(source.input)) return { text: await fetchInput(source), name: source.input };
  try {
    return { text: (await readFile(source.input, 'utf8')).replace(/^\uFEFF/, ''), name: source.input };
  } catch (error) {
    throw new UsageError('file.unreadable', { path: source.input, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}

async function fetchInput(source: InputSource): Promise<string> {
  const url = new URL(source.input);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // https only; plain http is allowed to loopback, where a local proxy or a test server stands.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new UsageError('input.httpsOnly', { url: source.input });
  const headers: Record<string, string> = {};
  for (const header of source.headers ?? []) {
    const colon = header.indexOf(':');
    if (colon < 1) throw new UsageError('input.badHeader', { header: header.replace(/:.*/s, ':…') });
    // `$NAME` or `${NAME}` anywhere in the value, so `Bearer $TOKEN` keeps the token out of the crontab.
    const value = header.slice(colon + 1).trim().replace(/\$\{(\w+)\}|\$([A-Za-z_]\w*)/g, (whole, braced?: string, bare?: string) => {
      const name = (braced ?? bare)!;
      const fromEnv = source.env[name];
      if (fromEnv === undefined) throw new UsageError('input.headerEnvMissing', { name });
      return fromEnv;
    });
    headers[header.slice(0, colon).trim()] = value;
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new UsageError('input.fetchFailed', { url: source.input, reason: (error as Error).message });
  }
  if (!response.ok) throw new UsageError('input.fetchStatus', { url: source.input, status: response.status });
  return (await response.text()).replace(/^\uFEFF/, '');
}

/** JSON array, NDJSON or CSV, told apart by the first character. */
export function parseRecords(name: string, text: string): RawRecord[] {
  const start = text.trimStart()[0];
  if (start === '[') return parseJsonArray(name, text);
  if (start === '{') return parseNdjson(name, text);
  if (start === undefined) return [];
  return parseCsv(name, text);
}

function parseJsonArray(name: string, text: string): RawRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError('input.badJson', { name, reason: (error as Error).message });
  }
  if (!Array.isArray(data)) throw new UsageError('input.badJson', { name, reason: 'expected an array' });
  const lines = topLevelObjectLines(text);
  return data.map((values, index) => ({ record: index + 1, line: lines[index] ?? 0, values: isObject(values) ? values : { __notAnObject: true } }));
}

function parseNdjson(name: string, text: string): RawRecord[] {
  const records: RawRecord[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let values: unknown;
    try {
      values = JSON.parse(line);
    } catch (error) {
      throw new UsageError('input.badNdjson', { name, line: index + 1, reason: (error as Error).message });
    }
    records.push({ record: records.length + 1, line: index + 1, values: isObject(values) ? values : { __notAnObject: true } });
  });
  return records;
}

function parseCsv(name: string, text: string): RawRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as never;
  } catch (error) {
    throw new UsageError('input.badCsv', { name, line: (error as { lines?: number }).lines ?? '?', reason: (error as Error).message });
  }
  const [header, ...body] = rows;
  if (!header) return [];
  const columns = header.record.map((h) => h.trim().toLowerCase());
  return body.map(({ record, info }, index) => {
    const values: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const cell = (record[i] ?? '').trim();
      if (cell === '') return;
      // In CSV several recipients are separated by ";".
      values[column] = column === 'to' ? cell.split(';').map((s) => s.trim()).filter(Boolean) : cell;
    });
    return { record: index + 1, line: info.lines, values };
  });
}

/** The line on which each top-level element of a JSON array starts, for error messages. */
function topLevelObjectLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (c === ']' || c === '}') depth--;
    else if (depth === 1 && c !== ',' && !/\s/.test(c!)) lines.push(line);
  }
  return lines;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
