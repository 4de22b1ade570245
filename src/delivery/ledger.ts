import { hash } from 'node:crypto';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { NotificationType } from '../store/settings.js';

/** Who a delivery is for: the pair (reminder id, HiManager user id) is delivered at most once, ever. */
export type Pair = [reminderId: string, userId: string];

export type EntryStatus = 'in-flight' | 'sent' | 'failed' | 'deferred';

export interface LedgerEntry {
  key: string;
  roomId: number;
  pairs: Pair[];
  bodyHash: string;
  /** Epoch ms of the latest intent: a reconciliation looks for messages from then on. */
  intentAt: number;
  status: EntryStatus;
  messageId?: string;
  reason?: string;
  at: number;
  /** A deferred delivery keeps what to send, so it goes out even if the next input no longer lists it. */
  deferred?: { body: string; type: NotificationType; until: number };
}

type Record =
  | { op: 'intent'; key: string; room: number; pairs: Pair[]; hash: string; at: number }
  | { op: 'sent'; key: string; message: string; how: 'posted' | 'reconciled'; at: number }
  | { op: 'failed'; key: string; reason: string; at: number }
  | { op: 'deferred'; key: string; room: number; pairs: Pair[]; hash: string; body: string; type: NotificationType; until: number; at: number }
  | { op: 'run'; outcome: RunOutcome; at: number };

export interface RunOutcome {
  delivered: number; failed: number; skipped: number; exitCode: number; startedAt: number;
  deferred?: number; inWindow?: boolean;
}

export function hashBody(body: string): string {
  // Chatwork may hand back CRLF as LF and trim the ends: compare what survives that.
  return hash('sha256', body.replace(/\r\n/g, '\n').trim(), 'hex').slice(0, 32);
}

export const pairKey = (reminderId: string, userId: string) => `${reminderId}\u001f${userId}`;

/**
 * The delivery ledger: an append-only JSON-lines file in the config dir. An intent is
 * durable (fsync) before its POST leaves, and the outcome is written after it, so a
 * crash leaves an intent without an outcome: "in flight", to be reconciled against
 * the room's messages before anything is sent again. Appends that arrive together
 * share one write and one fsync.
 */
export class Ledger {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly pairs = new Map<string, string>();
  private readonly claimedMessages = new Set<string>();
  private pending: string[] = [];
  private flushing?: Promise<void>;
  private waiters: { resolve(): void; reject(error: unknown): void }[] = [];
  lastRun?: RunOutcome & { at: number };
  /** The latest runs, newest last: doctor tells from them whether cron ever runs inside the window. */
  recentRuns: (RunOutcome & { at: number })[] = [];
  /** A last line cut short by a crash mid-write: ignored, and said so by doctor. */
  tornLines = 0;

  private constructor(readonly path: string, private readonly handle: FileHandle | undefined) {}

  static async open(path: string): Promise<Ledger> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const text = await readIfExists(path);
    return Ledger.replay(path, text, await open(path, 'a', 0o600));
  }

  /** What the ledger holds, without opening it for writing (dry runs, doctor): creates nothing. */
  static async read(path: string): Promise<Ledger> {
    return Ledger.replay(path, await readIfExists(path), undefined);
  }

  private static replay(path: string, text: string, handle: FileHandle | undefined): Ledger {
    const ledger = new Ledger(path, handle);
    const lines = text.split('\n');
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        ledger.apply(JSON.parse(line) as Record);
      } catch {
        ledger.tornLines += 1;
      }
    }
    // A torn tail would glue itself to the next record: start the next append on a line of its own.
    if (text.length && !text.endsWith('\n')) ledger.pending.push('');
    return ledger;
  }

  entry(key: string): LedgerEntry | undefined {
    return this.entries.get(key);
  }

  /** The key of the delivery that covered this pair, if any. */
  keyForPair(reminderId: string, userId: string): string | undefined {
    return this.pairs.get(pairKey(reminderId, userId));
  }

  pairStatus(reminderId: string, userId: string): EntryStatus | undefined {
    const key = this.keyForPair(reminderId, userId);
    return key ? this.entries.get(key)?.status : undefined;
  }

  inFlight(): LedgerEntry[] {
    return [...this.entries.values()].filter((entry) => entry.status === 'in-flight');
  }

  isClaimed(messageId: string): boolean {
    return this.claimedMessages.has(messageId);
  }

  /**
   * Deliveries whose body the ledger keeps and that are not done: deferred, or in flight
   * after being deferred (a crash mid-post). They go out from here, input or not.
   */
  outboxEntries(): LedgerEntry[] {
    return [...this.entries.values()].filter((entry) => entry.deferred && (entry.status === 'deferred' || entry.status === 'in-flight'));
  }

  inOutbox(reminderId: string, userId: string): boolean {
    const entry = this.entries.get(this.keyForPair(reminderId, userId) ?? '');
    return entry !== undefined && entry.deferred !== undefined && (entry.status === 'deferred' || entry.status === 'in-flight');
  }

  counts(): { [status in EntryStatus]: number } {
    const counts = { 'in-flight': 0, sent: 0, failed: 0, deferred: 0 };
    for (const entry of this.entries.values()) counts[entry.status] += 1;
    return counts;
  }

  intent(key: string, roomId: number, pairs: Pair[], bodyHash: string, at: number): Promise<void> {
    return this.append({ op: 'intent', key, room: roomId, pairs, hash: bodyHash, at });
  }

  sent(key: string, messageId: string, how: 'posted' | 'reconciled', at: number): Promise<void> {
    return this.append({ op: 'sent', key, message: messageId, how, at });
  }

  failed(key: string, reason: string, at: number): Promise<void> {
    return this.append({ op: 'failed', key, reason, at });
  }

  defer(key: string, roomId: number, pairs: Pair[], bodyHash: string, body: string, type: NotificationType, until: number, at: number): Promise<void> {
    return this.append({ op: 'deferred', key, room: roomId, pairs, hash: bodyHash, body, type, until, at });
  }

  runFinished(outcome: RunOutcome, at: number): Promise<void> {
    return this.append({ op: 'run', outcome, at });
  }

  async close(): Promise<void> {
    if (!this.handle) return;
    await this.flushing;
    if (this.pending.length) await this.flush();
    await this.handle.close();
  }

  private apply(record: Record): void {
    if (record.op === 'run') {
      this.lastRun = { ...record.outcome, at: record.at };
      this.recentRuns = [...this.recentRuns.slice(-9), this.lastRun];
      return;
    }
    if (record.op === 'deferred') {
      this.entries.set(record.key, {
        key: record.key, roomId: record.room, pairs: record.pairs, bodyHash: record.hash, intentAt: 0, status: 'deferred',
        at: record.at, deferred: { body: record.body, type: record.type, until: record.until },
      });
      for (const [reminderId, userId] of record.pairs) this.pairs.set(pairKey(reminderId, userId), record.key);
      return;
    }
    if (record.op === 'intent') {
      const previous = this.entries.get(record.key);
      this.entries.set(record.key, {
        key: record.key, roomId: record.room, pairs: record.pairs, bodyHash: record.hash,
        intentAt: record.at, status: 'in-flight', at: record.at, messageId: previous?.messageId, deferred: previous?.deferred,
      });
      for (const [reminderId, userId] of record.pairs) this.pairs.set(pairKey(reminderId, userId), record.key);
      return;
    }
    const entry = this.entries.get(record.key);
    if (!entry) return;
    if (record.op === 'sent') {
      Object.assign(entry, { status: 'sent', messageId: record.message, at: record.at });
      this.claimedMessages.add(record.message);
    } else {
      Object.assign(entry, { status: 'failed', reason: record.reason, at: record.at });
    }
  }

  private append(record: Record): Promise<void> {
    if (!this.handle) return Promise.reject(new Error('the ledger was opened read-only'));
    this.apply(record);
    this.pending.push(JSON.stringify(record));
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.flushing ??= Promise.resolve().then(() => this.flushLoop());
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length) await this.flush();
    } finally {
      this.flushing = undefined;
    }
  }

  private async flush(): Promise<void> {
    const lines = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      await this.handle!.write(lines.map((line) => `${line}\n`).join(''));
      await this.handle!.datasync();
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }
}

async function readIfExists(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}
