import { parseUserInstant } from '../text/time.js';

/** A date and a time with an explicit offset: without one, whose 9:00 would it be? */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** `send_at` as epoch ms: ISO 8601 with an offset (2026-12-01T09:00:00+09:00, …Z); undefined for anything else or a date that does not exist. */
export function parseSendAt(text: string): number | undefined {
  if (!WITH_OFFSET.test(text.trim())) return undefined;
  return parseUserInstant(text, 'UTC');
}
