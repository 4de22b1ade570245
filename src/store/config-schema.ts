import { z } from 'zod';
import type { Config } from '../domain.js';
import { CliError } from '../errors/index.js';
import { isCalendarDate } from '../text/time.js';

const type = z.enum(['praise', 'survey', 'update-survey']);
const roomId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const hhmm = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const calendar = z.object({
  timeZone: z.string().refine(isTimeZone, 'not a time zone (IANA name such as Asia/Tokyo)'),
  window: z.object({ start: z.string().regex(hhmm), end: z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/) }),
  weekendsOff: z.boolean(),
  holidays: z.boolean(),
  // Dates that exist (02-29 once in four years; 2026-02-31 never), checked as the calendar command checks them.
  closures: z.array(z.string().regex(/^[0-9]{2}-[0-9]{2}(\.\.[0-9]{2}-[0-9]{2})?$/)
    .refine((range) => range.split('..').every((part) => isCalendarDate(`2024-${part}`)), 'not a date (MM-DD)')),
  extraDates: z.array(z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$/)
    .refine((range) => range.split('..').every(isCalendarDate), 'not a date (YYYY-MM-DD)')),
  policy: z.partialRecord(type, z.enum(['send', 'defer', 'skip'])),
});

/** Every setting, checked on every read and write, and by doctor: one schema, errors naming the field. */
export const configSchema = z.object({
  clientId: z.string().min(1).optional(),
  redirectUri: z.url().optional(),
  account: z.object({
    accountId: z.number().int().positive(), name: z.string(), chatworkId: z.string(),
    organizationName: z.string().optional(), roomId: z.number().int().positive().optional(),
  }).optional(),
  templates: z.partialRecord(type, z.object({ ja: z.string().min(1).optional(), en: z.string().min(1).optional() })).default({}),
  messageLang: z.enum(['ja', 'en']).default('ja'),
  calendar: calendar.optional(),
  deliverAs: z.partialRecord(type, z.enum(['message', 'task'])).optional(),
  nonMembers: z.partialRecord(type, z.enum(['skip', 'dm'])).optional(),
  escalate: z.partialRecord(type, z.boolean()).optional(),
  trustedOrganizations: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))
    .refine((ids) => new Set(ids).size === ids.length, 'an organisation id is listed twice').optional(),
  alerts: z.object({ roomId: roomId }).optional(),
  followUps: z.partialRecord(type, z.object({
    daysBefore: z.array(z.number().int().min(0).max(365)).min(1).max(31).refine((days) => new Set(days).size === days.length, 'a day is listed twice'),
    gapHours: z.number().int().min(0).max(24 * 365),
  })).optional(),
  followUpTemplates: z.partialRecord(type, z.partialRecord(z.enum(['followUp', 'dueToday']),
    z.object({ ja: z.string().min(1).optional(), en: z.string().min(1).optional() }))).optional(),
  alertMemory: z.object({
    roomId,
    open: z.partialRecord(z.enum(['failed', 'room-gone', 'newly-unreachable']), z.object({
      fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/), since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    })),
  }).optional(),
  digest: z.object({
    off: z.boolean().optional(),
    templates: z.object({ ja: z.string().min(1).optional(), en: z.string().min(1).optional() }).optional(),
  }).optional(),
  answeredHolds: z.array(z.object({
    reminderId: z.string().min(1), answered: z.number().int().min(0), pendingBefore: z.number().int().min(0), at: z.number().int().min(0),
  })).optional(),
});

export const destinationSchema = z.string().regex(/^(dm|off|room:[1-9][0-9]*)$/);

export function parseConfig(raw: unknown, location: string): Config {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data as Config;
  const issue = result.error.issues[0]!;
  throw new CliError('state.invalidSetting', { location, field: issue.path.join('.') || '-', reason: issue.message });
}
