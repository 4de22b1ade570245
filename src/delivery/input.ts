import type { Readable } from 'node:stream';
import { UsageError, type Message } from '../errors/index.js';
import { DEFAULT_MAX_INPUT_BYTES, MAX_TEXT_BYTES, readFileLimited, readLimited, tooLarge } from '../io/input-limit.js';
import { decodeText, encodingNamed, type Encoding } from '../himanager-users/read-text.js';

/** Reading --input, from wherever it is, into text; parsing it into records is input-records.ts. */

export interface InputSource {
  input: string;
  headers?: string[];
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  /** Header values are credentials: each one is masked in everything printed. */
  registerSecret?(value: string): void;
  /** The most bytes read from it (--max-input-size): counted while reading, never buffered past. */
  maxBytes?: number;
}

/**
 * Reads --input: a file, `-` for stdin, or an https URL (headers from --header, values may
 * name env vars). All three are decoded alike, as `users import` decodes its files.
 */
export async function readInput(source: InputSource): Promise<{ text: string; name: string; encoding: Encoding }> {
  const limit = Math.min(source.maxBytes ?? DEFAULT_MAX_INPUT_BYTES, MAX_TEXT_BYTES);
  if (source.input === '-') return decoded(await readLimited(source.stdin, '<stdin>', limit, () => source.stdin.destroy()), '<stdin>');
  if (/^[a-z]+:\/\//i.test(source.input)) return fetchInput(source, limit);
  return decoded(await readFileLimited(source.input, limit), source.input);
}

async function decoded(bytes: Uint8Array, name: string, given?: Encoding): Promise<{ text: string; name: string; encoding: Encoding }> {
  const { text, encoding } = await decodeText(bytes, name, given);
  return { text: text.replace(/^\uFEFF/, ''), name, encoding };
}

/**
 * `--header 'Authorization: Bearer ${TOKEN}'`: only the braced form is expanded, so a
 * value holding a literal `$HOME` is sent as written. A value with CR, LF or another
 * control character is refused: it could smuggle a second header.
 */
function parseHeaders(headers: string[], env: NodeJS.ProcessEnv, registerSecret?: (value: string) => void): Record<string, string> {
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

async function fetchInput(source: InputSource, limit: number): Promise<{ text: string; name: string; encoding: Encoding }> {
  const url = new URL(source.input);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  // https only; plain http is allowed to loopback, where a local proxy or a test server stands.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new UsageError('input.httpsOnly', { url: source.input });
  const headers = parseHeaders(source.headers ?? [], source.env, source.registerSecret);
  let response: Response;
  const abort = new AbortController();
  try {
    response = await fetch(url, { headers, redirect: 'error', signal: AbortSignal.any([abort.signal, AbortSignal.timeout(60_000)]) });
  } catch (error) {
    throw new UsageError('input.fetchFailed', { url: source.input }, { details: [fetchProblem(error)] });
  }
  if (!response.ok) throw new UsageError('input.fetchStatus', { url: source.input, status: response.status });
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  const encoding = charset === undefined ? undefined : encodingNamed(charset);
  if (charset !== undefined && !encoding) throw new UsageError('input.unknownCharset', { url: source.input, charset });
  const expected = Number(response.headers.get('content-length') ?? NaN);
  // A declared size over the limit is refused before a byte of the body is read.
  if (expected > limit) {
    abort.abort();
    throw tooLarge(source.input, limit);
  }
  let bytes: Uint8Array;
  try {
    bytes = response.body ? await readLimited(response.body, source.input, limit, () => abort.abort()) : new Uint8Array();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Bad input like any other (exit 2): nothing was sent.
    throw new UsageError('http.truncated', { url: source.input }, { cause: error });
  }
  if (Number.isFinite(expected) && bytes.length < expected) {
    throw new UsageError('input.truncated', { url: source.input, received: bytes.length, expected });
  }
  return decoded(bytes, source.input, encoding);
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
