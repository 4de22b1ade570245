import got, { ReadError, RequestError, type Response, type StreamOptions } from 'got';
import { CliError, TruncatedResponseError } from '../../errors/index.js';

/**
 * This module is the only one that imports got: every byte to or from Chatwork (its API and
 * its token endpoint) passes here. What to ask, and what an answer means, is decided elsewhere.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the client reads of an answer, whether got buffered it or it was streamed. */
export type Answer = Pick<Response<string>, 'statusCode' | 'headers' | 'body'>;

export interface BodySink { push(chunk: Uint8Array): void; complete(): boolean; readonly empty: boolean }

/** One call: the bearer token, a form body for POST and PUT, the time it may take, and where a streamed body goes. */
export interface ApiCall { method: Method; token: string; form: Record<string, string> | undefined; timeoutMs: number; sink?: () => BodySink }

/**
 * One API request, as it is. got neither retries, nor follows a redirect, nor throws on an
 * HTTP error: the request loop reads every status and decides.
 * `sink`: a 2xx body goes into a fresh sink chunk by chunk as it arrives (see streamed).
 */
export async function apiRequest(url: string, call: ApiCall): Promise<Answer> {
  const { method, token, form, timeoutMs, sink } = call;
  const request = {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    form,
    throwHttpErrors: false,
    followRedirect: false,
    retry: { limit: 0 },
    timeout: { request: timeoutMs },
  } as const;
  return sink ? await streamed(url, request, sink) : await got(url, request);
}

/** One POST to the token endpoint with HTTP Basic client authentication and a form body. */
export async function tokenRequest(url: string, form: Record<string, string>, basic: string): Promise<Answer> {
  return await got.post(url, {
    form,
    headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: 30_000 },
  });
}

/** A 2xx answer's body goes into a fresh sink as it arrives; any other answer is read whole, for its error. */
async function streamed(url: string, request: StreamOptions, sink: () => BodySink): Promise<Answer> {
  const stream = got.stream(url, request);
  const response = await new Promise<{ statusCode: number; headers: Response['headers'] }>((resolve, reject) => {
    stream.once('response', resolve).once('error', reject);
  });
  const into = response.statusCode >= 200 && response.statusCode < 300 ? sink() : undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    if (into) into.push(chunk as Buffer);
    else chunks.push(chunk as Buffer);
  }
  return { statusCode: response.statusCode, headers: response.headers, body: into ? '' : Buffer.concat(chunks).toString('utf8') };
}

/** The code of a request that failed on the network (ECONNREFUSED, ETIMEDOUT…), for the log. */
export function failureCode(error: unknown): string {
  return error instanceof RequestError ? error.code : 'error';
}

/** Whether a failed request had finished sending: then the server may have acted on it. */
export function sentBeforeFailing(error: unknown): boolean {
  return error instanceof RequestError && error.timings?.upload !== undefined;
}

export function networkError(url: string, error: unknown): CliError {
  if (error instanceof ReadError) return new TruncatedResponseError(new URL(url).origin, error);
  const code = error instanceof RequestError ? error.code : undefined;
  const origin = new URL(url).origin;
  // The usual causes in words; anything else keeps its code for support to look up.
  if (code === 'ECONNREFUSED') return new CliError('api.refused', { url: origin }, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError('api.dns', { url: origin }, { cause: error });
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET') return new CliError('api.timedOut', { url: origin }, { cause: error });
  // Node's English text stays out of the message: the code names the cause, the text is for --verbose.
  return new CliError('api.network', { url: origin, code: code ?? '-' }, { cause: error, raw: error instanceof Error ? error.message : String(error) });
}
