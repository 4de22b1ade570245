import type { Problem } from '../himanager-users/table-file.js';
import type { HiManagerUser, NotificationType } from '../domain.js';
import { reminderRecord, validateRecord } from '../validation/records.js';
import type { RawRecord } from './input-records.js';
import { isCalendarDate } from '../text/time.js';
import { parseSendAt } from './send-at.js';
import type { Round } from '../store/repos/round-labels.js';

export interface Reminder {
  id: string;
  type: NotificationType;
  /** HiManager user ids; references that matched no user are kept apart. */
  to: string[];
  unknownRecipients: string[];
  title?: string;
  due?: string;
  url?: string;
  from?: HiManagerUser;
  message?: string;
  /** `send_at`: not before this instant (epoch ms); held in the ledger's outbox until then. */
  sendAt?: number;
  record: number;
  line: number;
  /** The round this reminder is planned in (src/delivery/plan-rounds.ts); absent: the first message. */
  round?: Round;
}

const TYPES: Record<string, NotificationType> = { praise: 'praise', survey: 'survey', update_survey: 'update-survey', 'update-survey': 'update-survey' };
/** Shared by every reminder whose recipients are all known: a million reminders, one empty list. */
const NONE: string[] = [];

/**
 * The whole input, validated before anything is sent. A recipient who is not in the
 * directory is not a format error: it is skipped with its reason, so one stale row
 * cannot hold back the reminders of everyone else.
 */
export function validateReminders(records: Iterable<RawRecord>, users: HiManagerUser[]): { reminders: Reminder[]; problems: Problem[]; count: number } {
  const byId = new Map(users.map((u) => [u.id, u]));
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const resolve = (ref: string) => byId.get(ref) ?? byEmail.get(ref.normalize('NFKC').toLowerCase());
  const problems: Problem[] = [];
  const reminders: Reminder[] = [];
  const seen = new Map<string, number>();
  let count = 0;
  for (const { record, line, values } of records) {
    count += 1;
    const problem = (key: Problem['key'], params?: Problem['params']) => problems.push({ record, line, key, params });
    if (values.__notAnObject) { problem('reminder.notObject'); continue; }
    // Types and characters first (an object where text belongs, NUL, a line break in a title).
    const shape = validateRecord(reminderRecord, values);
    if (shape.problems.length) { for (const found of shape.problems) problem(found.key, found.params); continue; }
    const id = scalar(values.id);
    if (!id) problem('reminder.missing', { field: 'id' });
    else if (seen.has(id)) problem('reminder.duplicateId', { id, first: seen.get(id)! });
    else seen.set(id, record);
    const type = TYPES[scalar(values.type)?.toLowerCase() ?? ''];
    if (!type) problem('reminder.badType', { value: scalar(values.type) ?? '' });
    const refs = (Array.isArray(values.to) ? values.to : values.to === undefined ? [] : [values.to]).map((v) => scalar(v) ?? '').filter(Boolean);
    if (refs.length === 0) problem('reminder.missing', { field: 'to' });
    const title = scalar(values.title);
    const due = scalar(values.due);
    const url = scalar(values.url);
    const message = scalar(values.message);
    const fromRef = scalar(values.from);
    let from: HiManagerUser | undefined;
    if (type === 'survey' || type === 'update-survey') {
      if (!title) problem('reminder.missing', { field: 'title' });
    }
    if (type === 'praise') {
      if (!fromRef) problem('reminder.missing', { field: 'from' });
      else if (!(from = resolve(fromRef))) problem('reminder.unknownFrom', { value: fromRef });
      if (!message) problem('reminder.missing', { field: 'message' });
    }
    if (due !== undefined && !isCalendarDate(due)) problem('reminder.badDue', { value: due });
    if (url !== undefined && !isHttps(url)) problem('reminder.badUrl', { value: url });
    const sendAtText = scalar(values.send_at);
    const sendAt = sendAtText === undefined ? undefined : parseSendAt(sendAtText);
    if (sendAtText !== undefined && sendAt === undefined) problem('reminder.badSendAt', { value: sendAtText });
    const to: string[] = [];
    let unknownRecipients: string[] = NONE;
    for (const ref of refs) {
      const user = resolve(ref);
      if (user) { if (!to.includes(user.id)) to.push(user.id); } else (unknownRecipients === NONE ? unknownRecipients = [] : unknownRecipients).push(ref);
    }
    if (id && type) reminders.push({ id, type, to, unknownRecipients, title, due, url, from, message, ...(sendAt !== undefined ? { sendAt } : {}), record, line });
  }
  return { reminders: problems.length ? [] : reminders, problems, count };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isHttps(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every user reference (recipient or sender) in the input: the directory is asked for just these. */
export function referencesIn(records: Iterable<RawRecord>): string[] {
  const refs = new Set<string>();
  for (const { values } of records) {
    for (const value of [...(Array.isArray(values.to) ? values.to as unknown[] : [values.to]), values.from]) {
      const ref = scalar(value);
      if (ref) refs.add(ref);
    }
  }
  return [...refs];
}
