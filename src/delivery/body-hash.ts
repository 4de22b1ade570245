import { hash } from 'node:crypto';

/** Chatwork may hand back CRLF as LF and trim the ends: compare what survives that. */
export function hashBody(body: string): string {
  return hash('sha256', body.replace(/\r\n/g, '\n').trim(), 'hex').slice(0, 32);
}
