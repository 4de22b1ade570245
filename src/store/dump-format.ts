import { z } from 'zod';
import { NOTIFICATION_TYPES } from '../domain.js';
import { configSchema } from './config-schema.js';
import { ROUND_PATTERN } from './repos/round-labels.js';
import { body, chatworkId, count, deliveryKey, email, epochMs, id, isoTime, line, MAX_NAME, reason } from './dump-fields.js';

/**
 * The portable dump: NDJSON, one record per line, the header first. No secrets, ever.
 * `state export` writes it, `state import` reads it, `state migrate` and the import of a
 * previous version's files go through it. Documented in docs/state-dump.md. Every field is
 * checked as strictly as the store holds it (src/store/dump-fields.ts); enums match exactly.
 */
export const DUMP_FORMAT = 'himanager-chatwork-state';
/** 2 (schema 8): pairs and skips carry their round. A version 1 dump still restores: every pair in round ''. */
export const DUMP_VERSION = 2;
const DUMP_VERSIONS = [1, 2] as const;

/** The settings a dump may carry: every configuration key, and the previous version's import marker. */
const LEGACY_IMPORT_SETTING = 'legacyImport';
export const DUMP_SETTINGS: readonly string[] = [...Object.keys(configSchema.shape), LEGACY_IMPORT_SETTING];

const type = z.enum(NOTIFICATION_TYPES);
/** A round label (repos/round-labels.ts); '' is the first message. */
const round = z.string().regex(ROUND_PATTERN, "not a round ('', d<N> or manager)");
/** Round '' is written as a pair of two, as version 1 had it. */
const pair = z.tuple([id, id, round.optional()]);
/** A group post covers one pair per member mentioned; no chat holds more members than this. */
const MAX_PAIRS = 100_000;

export const dumpRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), format: z.literal(DUMP_FORMAT), version: z.union(DUMP_VERSIONS.map((v) => z.literal(v))), exportedAt: z.iso.datetime({ offset: true }), schemaVersion: z.number().int().positive() }),
  z.object({
    kind: z.literal('setting'),
    key: z.string().refine((key) => DUMP_SETTINGS.includes(key), { message: `not a setting (${DUMP_SETTINGS.join(', ')})` }),
    value: z.unknown(),
  }),
  z.object({
    kind: z.literal('user'), id, name: line(MAX_NAME, 1), email, department: line(MAX_NAME).optional(), reading: line(MAX_NAME).optional(),
    // The directory over time (users sync): absent in a dump written before it, meaning active and in the directory.
    status: z.enum(['on-leave', 'retired']).optional(), statusSource: z.enum(['file', 'command']).optional(),
    managerId: id.optional(), retiredAt: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ kind: z.literal('link'), userId: id, accountId: chatworkId, source: z.enum(['manual', 'auto', 'import']), linkedAt: isoTime }),
  // Since schema 7 (link decisions); absent in older dumps.
  z.object({ kind: z.literal('rejection'), userId: id, accountId: chatworkId, at: isoTime, by: line(MAX_NAME) }),
  z.object({
    kind: z.literal('linkHistory'), userId: id, accountId: chatworkId, source: z.enum(['manual', 'auto', 'import']), confirmed: z.boolean(), linkedAt: isoTime,
    unlinkedAt: isoTime.nullable(), reason: z.enum(['unlinked', 'corrected', 'rejected', 'pruned', 'contact-gone', 'reset', 'retired']).nullable(),
  }),
  z.object({ kind: z.literal('destination'), type, destination: z.string().regex(/^(dm|off|room:[1-9][0-9]{0,15})$/) }),
  z.object({
    kind: z.literal('delivery'), key: deliveryKey, reminderId: id, type: type.nullable(), roomId: chatworkId,
    bodyHash: line(128), intentAt: epochMs, status: z.enum(['in-flight', 'sent', 'failed', 'deferred']),
    messageId: line(128).nullable(), how: line(64).nullable(), reason: reason.nullable(), at: epochMs,
    body: body.nullable(), deferUntil: epochMs.nullable(), outbox: z.boolean(), pairs: z.array(pair).min(1).max(MAX_PAIRS),
    // Since schema 3; absent in older dumps: a message never recalled. A task's limit is Unix seconds.
    deliveryKind: z.enum(['message', 'task']).optional(), taskIds: z.array(line(128)).max(MAX_PAIRS).optional(), taskLimit: epochMs.nullable().optional(),
    recall: z.object({ state: z.enum(['in-flight', 'recalled', 'closed', 'cancelled', 'failed']), at: epochMs, reason: reason.nullable() }).nullable().optional(),
  }),
  z.object({ kind: z.literal('skip'), reminderId: id, userId: id, type: type.nullable(), reason, at: epochMs, round: round.optional() }),
  // Since version 2 (schema 8): the reminders' inputs over time, who is pending and who answered.
  z.object({ kind: z.literal('reminderInput'), reminderId: id, type, title: line(MAX_NAME), due: line(64).nullable(), firstSeenAt: epochMs, lastSeenAt: epochMs }),
  z.object({
    kind: z.literal('reminderPerson'), reminderId: id, userId: id, firstSeenAt: epochMs, lastSeenAt: epochMs,
    answeredAt: epochMs.nullable(), answeredAfterRound: round.nullable(),
  }),
  // Since version 2 (schema 9): leave periods, from `users leave` and the users file.
  z.object({
    kind: z.literal('leave'), userId: id, source: z.enum(['command', 'directory']), from: z.iso.date(), until: z.iso.date().nullable(),
    reason: line(MAX_NAME).nullable(), setAt: isoTime, setBy: line(MAX_NAME),
  }),
  z.object({
    kind: z.literal('run'), at: epochMs, startedAt: epochMs, delivered: count, failed: count, skipped: count,
    deferred: count, exitCode: z.number().int().min(0).max(255), inWindow: z.boolean().nullable(),
    // Since schema 5 (runs on record); absent in older dumps: a send-reminders run.
    runId: z.string().uuid().optional(), command: line(64).optional(), host: line(255).optional(), pid: count.optional(), version: line(64).optional(),
    counts: z.record(z.string().max(64), z.union([count, z.record(z.string().max(64), count)])).optional(),
  }),
]);

export type DumpRecord = z.infer<typeof dumpRecord>;
export type DeliveryRecord = Extract<DumpRecord, { kind: 'delivery' }>;

/** A setting's value, checked by the schema every read of the settings uses; the import marker is a short hex string. */
export function settingSchema(key: string): z.ZodType {
  if (key === LEGACY_IMPORT_SETTING) return z.string().regex(/^[0-9a-f]{1,64}$/);
  return configSchema.shape[key as keyof typeof configSchema.shape];
}
