import { z } from 'zod';
import { NOTIFICATION_TYPES } from '../domain.js';

/**
 * The portable dump: NDJSON, one record per line, the header first. No secrets, ever.
 * `state export` writes it, `state import` reads it, `state migrate` and the import of a
 * previous version's files go through it. Documented in docs/state-dump.md.
 */
export const DUMP_FORMAT = 'himanager-chatwork-state';
export const DUMP_VERSION = 1;

const type = z.enum(NOTIFICATION_TYPES);
const pair = z.tuple([z.string(), z.string()]);

export const dumpRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), format: z.literal(DUMP_FORMAT), version: z.literal(DUMP_VERSION), exportedAt: z.string(), schemaVersion: z.number() }),
  z.object({ kind: z.literal('setting'), key: z.string().min(1), value: z.unknown() }),
  z.object({ kind: z.literal('user'), id: z.string().min(1), name: z.string(), email: z.string(), department: z.string().optional(), reading: z.string().optional() }),
  z.object({ kind: z.literal('link'), userId: z.string().min(1), accountId: z.number().int().positive(), source: z.enum(['manual', 'auto', 'import']), linkedAt: z.string() }),
  z.object({ kind: z.literal('destination'), type, destination: z.string().regex(/^(dm|off|room:[1-9][0-9]*)$/) }),
  z.object({
    kind: z.literal('delivery'), key: z.string().min(1), reminderId: z.string(), type: type.nullable(), roomId: z.number().int(),
    bodyHash: z.string(), intentAt: z.number(), status: z.enum(['in-flight', 'sent', 'failed', 'deferred']),
    messageId: z.string().nullable(), how: z.string().nullable(), reason: z.string().nullable(), at: z.number(),
    body: z.string().nullable(), deferUntil: z.number().nullable(), outbox: z.boolean(), pairs: z.array(pair).min(1),
    // Since schema 3; absent in older dumps: a message never recalled.
    deliveryKind: z.enum(['message', 'task']).optional(), taskIds: z.array(z.string()).optional(), taskLimit: z.number().nullable().optional(),
    recall: z.object({ state: z.enum(['in-flight', 'recalled', 'closed', 'cancelled', 'failed']), at: z.number(), reason: z.string().nullable() }).nullable().optional(),
  }),
  z.object({ kind: z.literal('skip'), reminderId: z.string(), userId: z.string(), type: type.nullable(), reason: z.string(), at: z.number() }),
  z.object({
    kind: z.literal('run'), at: z.number(), startedAt: z.number(), delivered: z.number(), failed: z.number(), skipped: z.number(),
    deferred: z.number(), exitCode: z.number(), inWindow: z.boolean().nullable(),
  }),
]);

export type DumpRecord = z.infer<typeof dumpRecord>;
export type DeliveryRecord = Extract<DumpRecord, { kind: 'delivery' }>;
