import { z } from 'zod';
import { MAX_NAME, MAX_TEXT } from '../validation/records.js';

/**
 * The fields of a dump, each as strict as the column it lands in and the input that first
 * wrote it: a value no store could hold, or no command would have written, is refused when the
 * dump is read, not later (a NUL breaks PostgreSQL; a 150 MB name can never be migrated).
 */

/** Control characters and bidi overrides: never in a name, an id or an e-mail. */
const LINE_UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const NUL = /\x00/;

/** Epoch milliseconds, and every other count: a whole number PostgreSQL's BIGINT and JS both hold. */
export const epochMs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A PostgreSQL INTEGER column (run counts). */
export const count = z.number().int().min(0).max(2_147_483_647);
/** A Chatwork id (account, room): a positive whole number. */
export const chatworkId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Text on one line: no control character, at most `max` characters, at least `min`. */
export const line = (max: number, min = 0) => z.string().min(min).max(max).refine((value) => !LINE_UNSAFE.test(value), 'control character');
/** Free text (a reason, a body): line breaks allowed, NUL never (PostgreSQL text cannot hold it). */
const text = (max: number) => z.string().max(max).refine((value) => !NUL.test(value), 'NUL character');

/** An id the directory or the input gave (user, reminder): what `users import` accepts. */
export const id = line(MAX_NAME, 1);
/** A delivery key: ids joined by U+001F (unit separator), so only NUL is refused. */
export const deliveryKey = text(4 * MAX_NAME).min(1);
/** The same rule as users import (src/validation/records.ts). */
export const email = line(MAX_NAME, 1).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an e-mail address');
/** An ISO 8601 time as the tool writes it; the previous version's files left it empty. */
export const isoTime = z.union([z.literal(''), z.iso.datetime({ offset: true })]);
export const reason = text(MAX_TEXT);
/** A stored body: Chatwork takes 65,535 characters. */
export const body = text(65_535);
export { MAX_NAME };

/**
 * The first thing in a value that no store may take, whatever its schema: a string holding NUL,
 * or a key named __proto__ (JSON.parse makes it an own property, which schemas skip silently).
 */
export function unsafePart(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; reason: string } | undefined {
  if (typeof value === 'string') return NUL.test(value) ? { path, reason: 'NUL character' } : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && NUL.test(key)) return { path: [...path, key], reason: 'NUL character' };
    if (key === '__proto__') return { path: [...path, key], reason: 'not a field' };
    const found = unsafePart(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
