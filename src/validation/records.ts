import { z } from 'zod';
import type { MessageKey } from '../i18n/catalog.js';
import type { Params } from '../i18n/translate.js';

/**
 * The records this tool reads from files and input, as one set of zod schemas: users
 * (users import), links (links import), reminders (send-reminders). Each issue carries a
 * catalog key, so an error names the file, the line and the field in the admin's language.
 */

/** Single-line text: no control character (a newline would break the mention line), no bidi override. */
const LINE_UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
/** A message may have line breaks and tabs; nothing else that is invisible or moves the cursor. */
const MULTILINE_UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

export const MAX_NAME = 255;
export const MAX_TEXT = 20_000;

/**
 * The longest each reminder field may be, in characters as JavaScript and Chatwork count them
 * (UTF-16 units). With these, the longest values fill the default templates to about 25,000
 * characters, well under Chatwork's 65,535: a valid record always fits them. A custom template
 * is checked against the same numbers (template-limit.ts), so a longer field is bad input, named
 * by file, record and field, never a message cut short.
 */
export const REMINDER_LIMITS = { title: MAX_TEXT, url: 4_096, message: MAX_TEXT, due: MAX_NAME } as const;

const issue = (key: MessageKey, params: Params = {}) => ({ params: { key, ...params } });

/** Text on one line, trimmed; `min` 1 for a required field. */
function lineText(max: number, min = 0) {
  return z.string({ error: () => issue('record.notText').params as never }).trim()
    .refine((value) => !LINE_UNSAFE.test(value), issue('record.control'))
    .refine((value) => value.length >= min, issue('table.empty.field'))
    .refine((value) => value.length <= max, issue('record.tooLong', { max }));
}

function multilineText(max: number) {
  return z.string().trim()
    .refine((value) => !MULTILINE_UNSAFE.test(value), issue('record.control'))
    .refine((value) => value.length <= max, issue('record.tooLong', { max }));
}

/** An identifier: text, or a number written without quotes in JSON (E0001 and 1001 alike). */
export const identifier = z.union([z.string(), z.number().finite()])
  .transform((value) => String(value))
  .pipe(lineText(MAX_NAME, 1));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const userRecord = z.object({
  id: identifier,
  name: lineText(MAX_NAME, 1),
  email: lineText(MAX_NAME, 1).transform((value) => value.normalize('NFKC').toLowerCase())
    .refine((value) => value === '' || EMAIL.test(value), issue('users.badEmail')),
  department: lineText(MAX_NAME).optional(),
});

export const linkRecord = z.object({
  user_id: identifier,
  account_id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().refine((v) => v === '' || /^\d+$/.test(v), issue('linksFile.badAccount'))).optional(),
  chatwork_id: lineText(MAX_NAME).optional(),
});

const optionalIdentifier = z.union([z.string(), z.number().finite()]).transform(String)
  .pipe(z.string().trim().refine((v) => !LINE_UNSAFE.test(v), issue('record.control')).refine((v) => v.length <= MAX_NAME, issue('record.tooLong', { max: MAX_NAME })));

/** The shape of a reminder record; what the values mean (types, users, dates) is checked after. */
export const reminderRecord = z.object({
  id: optionalIdentifier.optional(),
  type: optionalIdentifier.optional(),
  to: z.union([optionalIdentifier, z.array(optionalIdentifier)]).optional(),
  title: lineText(REMINDER_LIMITS.title).optional(),
  due: lineText(REMINDER_LIMITS.due).optional(),
  url: lineText(REMINDER_LIMITS.url).optional(),
  from: optionalIdentifier.optional(),
  message: multilineText(REMINDER_LIMITS.message).optional(),
  /** Not before then: ISO 8601 with an offset (checked in reminders.ts). */
  send_at: lineText(REMINDER_LIMITS.due).optional(),
});

export interface FieldProblem { key: MessageKey; params: Params }

/** zod's issues as catalog messages, each naming its field. */
function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((entry): FieldProblem => {
    const field = entry.path.map(String).join('.') || '-';
    const input = (entry as { input?: unknown }).input;
    const value = typeof input === 'string' ? input.slice(0, 80) : '';
    const params = (entry as { params?: { key?: MessageKey } & Params }).params;
    if (params?.key) {
      const { key, ...rest } = params;
      return { key, params: { field, value, ...rest } as Params };
    }
    if (entry.code === 'invalid_union' || entry.code === 'invalid_type') return { key: 'record.notText', params: { field } };
    return { key: 'record.invalid', params: { field, reason: entry.message } };
  });
}

/** The first problem per field: one line per mistake in the error list, not one per rule. */
export function validateRecord<T extends z.ZodType>(schema: T, values: unknown): { value?: z.infer<T>; problems: FieldProblem[] } {
  const result = schema.safeParse(values, { reportInput: true });
  if (result.success) return { value: result.data, problems: [] };
  const seen = new Set<string>();
  const problems = fieldProblems(result.error).filter((p) => !seen.has(String(p.params.field)) && seen.add(String(p.params.field)));
  return { problems };
}
