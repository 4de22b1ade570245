import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError } from '../../errors/index.js';
import type { DeliveryRecord, DumpRecord } from '../dump-format.js';

type Pair = [string, string];
type LegacyRecord =
  | { op: 'intent'; key: string; room: number; pairs: Pair[]; hash: string; at: number }
  | { op: 'sent'; key: string; message: string; how: 'posted' | 'reconciled'; at: number }
  | { op: 'failed'; key: string; reason: string; at: number }
  | { op: 'deferred'; key: string; room: number; pairs: Pair[]; hash: string; body: string; type: 'praise'; until: number; at: number }
  | { op: 'run'; outcome: { delivered: number; failed: number; skipped: number; exitCode: number; startedAt: number; deferred?: number; inWindow?: boolean }; at: number };

/**
 * The previous version's ledger.jsonl, replayed line by line (it may be larger than one
 * string can hold). Only a torn LAST line may be skipped: a line that cannot be read
 * anywhere else could be an intent, and taking it for "not sent" would send twice.
 */
export async function replayLegacyLedger(path: string): Promise<{ records: DumpRecord[]; tornLines: number }> {
  const deliveries = new Map<string, DeliveryRecord>();
  const runs: DumpRecord[] = [];
  let bad: number | undefined;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    if (bad !== undefined) throw new CliError('state.legacyBadLine', { path, line: bad });
    let record: LegacyRecord;
    try {
      record = JSON.parse(line) as LegacyRecord;
      if (typeof record !== 'object' || record === null || typeof record.op !== 'string') throw new Error('not a record');
    } catch {
      bad = lineNumber;
      continue;
    }
    apply(record, deliveries, runs);
  }
  return { records: [...deliveries.values(), ...runs], tornLines: bad === undefined ? 0 : 1 };
}

function apply(record: LegacyRecord, deliveries: Map<string, DeliveryRecord>, runs: DumpRecord[]): void {
  if (record.op === 'run') {
    const o = record.outcome;
    runs.push({ kind: 'run', at: record.at, startedAt: o.startedAt, delivered: o.delivered, failed: o.failed, skipped: o.skipped, deferred: o.deferred ?? 0, exitCode: o.exitCode, inWindow: o.inWindow ?? null });
    return;
  }
  if (record.op === 'intent' || record.op === 'deferred') {
    const previous = deliveries.get(record.key);
    const deferred = record.op === 'deferred';
    deliveries.set(record.key, {
      kind: 'delivery', key: record.key, reminderId: record.pairs[0]?.[0] ?? record.key,
      type: deferred ? record.type : previous?.type ?? null, roomId: record.room, bodyHash: record.hash,
      intentAt: deferred ? 0 : record.at, status: deferred ? 'deferred' : 'in-flight',
      messageId: deferred ? null : previous?.messageId ?? null, how: null, reason: null, at: record.at,
      body: deferred ? record.body : previous?.body ?? null, deferUntil: deferred ? record.until : previous?.deferUntil ?? null,
      outbox: deferred || (previous?.outbox ?? false), pairs: record.pairs,
    });
    return;
  }
  const entry = deliveries.get(record.key);
  if (!entry) return;
  if (record.op === 'sent') Object.assign(entry, { status: 'sent', messageId: record.message, how: record.how, at: record.at });
  else Object.assign(entry, { status: 'failed', reason: record.reason, at: record.at });
}
