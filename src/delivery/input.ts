import type { Message } from '../errors.js';
import { parseProblem } from '../io/parse-problem.js';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { decodeText, encodingNamed, type Encoding } from '../himanager-users/read-text.js';
import { invalidFile } from '../himanager-users/problems.js';
import { UsageError, unreadableFile } from '../errors.js';
import { jsonArrayElements, parsedElements } from '../io/json-array.js';

/** One input record as written, with where it stands in the input. */
export interface RawRecord { record: number; line: number; values: Record<string, unknown> }

export interface InputSource {
  input: string;
  headers?: string[];
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  /** Header values are credentials: each one is masked in everything printed. */
  registerSecret?(value: string): void;
}

/**
 * Reads --input: a file, `-` for stdin, or an https URL (headers from --header, values may
 * name env vars). All three are decoded alike, as `users import` decodes its files.
 */
export async function readInput(source: InputSource): Promise<{ text: string; name: string }> {
  if (source.input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of source.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
    return decoded(Buffer.concat(chunks), '<stdin>');
  }
  if (/^[a-z]+:\/\//i.test(source.input)) return fetchInput(source);
  let bytes: Buffer;
  try {
    bytes = await readFile(source.input);
  } catch (error) {
    throw unreadableFile(source.input, error);
  }
  return decoded(bytes, source.input);
}

async function decoded(bytes: Uint8Array, name: string, encoding?: Encoding): Promise<{ text: string; name: string }> {
  const { text } = await decodeText(bytes, name, encoding);
  return { text: text.replace(/^\uFEFF/, ''), name };
}

/**
 * `--header 'Authorization: Bearer ${TOKEN}'`: only the braced form is expanded, so a
 * value holding a literal `$HOME` is sent as written. A value with CR, LF or another
 * control character is refused: it could smuggle a second header.
 */
export function parseHeaders(headers: string[], env: NodeJS.ProcessEnv, registerSecret?: (value: string) => void): Record<string, string> {
  const result: Record<string, string> = {};
  for (const header of headers) {
    const colon = header.indexOf(':');
    const name = header.slice(0, colon).trim();
    if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError('input.badHeader', { header: header.replace(/:.*/s, ':…') });
    const value = header.slice(colon + 1).trim().replace(/\$\{(\w+)\}/g, (_whole, variable: string) => {
      const fromEnv = env[variable];
      if (fromEnv === undefined) throw new UsageError('input.headerEnvMissing', { name: variable });
      registerSecret?.(fromEnv);
      return fromEnv;
    });
    registerSecret?.(value);
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) throw new UsageError('input.headerControl', { header: name });
    result[name] = value;
  }
  return result;
}

async function fetchInput(source: InputSource): Promise<{ text: string; name: string }> {
  const url = new URL(source.input);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // https only; plain http is allowed to loopback, where a local proxy or a test server stands.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new UsageError('input.httpsOnly', { url: source.input });
  const headers = parseHeaders(source.headers ?? [], source.env, source.registerSecret);
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new UsageError('input.fetchFailed', { url: source.input }, { details: [fetchProblem(error)] });
  }
  if (!response.ok) throw new UsageError('input.fetchStatus', { url: source.input, status: response.status });
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  const encoding = charset === undefined ? undefined : encodingNamed(charset);
  if (charset !== undefined && !encoding) throw new UsageError('input.unknownCharset', { url: source.input, charset });
  const expected = Number(response.headers.get('content-length') ?? NaN);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    // Bad input like any other (exit 2): nothing was sent.
    throw new UsageError('http.truncated', { url: source.input }, { cause: error });
  }
  if (Number.isFinite(expected) && bytes.length < expected) {
    throw new UsageError('input.truncated', { url: source.input, received: bytes.length, expected });
  }
  return decoded(bytes, source.input, encoding);
}

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

/** Why fetch failed, in words: its own message ("fetch failed") says nothing and is English. */
function fetchProblem(error: unknown): Message {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { name?: string }).name;
  if (code === 'ECONNREFUSED') return { key: 'input.fetch.refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { key: 'input.fetch.dns' };
  if (code === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return { key: 'input.fetch.timeout' };
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return { key: 'input.fetch.tls' };
  return { key: 'input.fetch.other' };
}
