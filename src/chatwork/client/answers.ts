import { ApiError, TruncatedResponseError } from '../../errors/index.js';
import type { RateLimitSnapshot } from '../types.js';
import type { Answer } from './transport.js';

/** Reading an answer: its JSON, the error it stands for, its line in the verbose log. */

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 2xx answer whose body does not parse was cut short on the way (or is not Chatwork's). */
export function bodyJson(apiUrl: string, path: string, response: { body: string }): unknown {
  try {
    return JSON.parse(response.body);
  } catch (error) {
    throw new TruncatedResponseError(`${apiUrl}${path.replace(/\?.*$/, '')}`, error);
  }
}

export function apiError(method: string, path: string, response: Answer): ApiError {
  const body = parseJson(response.body) as { errors?: unknown } | undefined;
  const messages = Array.isArray(body?.errors) ? body.errors.map(String) : [];
  return new ApiError(response.statusCode, method, path.replace(/\?.*$/, ''), messages);
}

export function bearerError(response: Answer): string {
  const header = response.headers['www-authenticate'];
  const match = /error_description="([^"]*)"/.exec(String(header ?? '')) ?? /error="([^"]*)"/.exec(String(header ?? ''));
  return match?.[1] ?? `HTTP ${response.statusCode}`;
}

export function describeAnswer(method: string, path: string, response: Answer, limit: RateLimitSnapshot, now: number): string {
  const budget = limit.remaining !== undefined && limit.limit !== undefined
    ? ` (budget ${limit.remaining}/${limit.limit}${limit.resetAt ? `, reset in ${Math.max(0, Math.ceil((limit.resetAt - now) / 1000))} s` : ''})`
    : '';
  return `${method} ${path} -> ${response.statusCode}${budget}`;
}
