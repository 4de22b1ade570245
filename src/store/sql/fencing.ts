import { LockedError } from '../../errors/index.js';
import type { Clock } from '../../io/clock.js';
import type { FenceTimings } from '../fence-timings.js';
import type { SqlDatabase, SqlRunner, SqlValue } from './database.js';

type Dialect = SqlDatabase['dialect'];

/**
 * The store's clock, as SQL: PostgreSQL's own (every host reads the same one, whatever its
 * own clock says); on SQLite, a local file, the local clock (a parameter, so a test clock works).
 */
export function storeNow(dialect: Dialect, hostNow: number): { sql: string; params: SqlValue[] } {
  return dialect === 'postgres'
    ? { sql: '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint', params: [] }
    : { sql: '?', params: [hostNow] };
}

async function storeNowMs(db: SqlRunner, dialect: Dialect, hostNow: number): Promise<number> {
  const now = storeNow(dialect, hostNow);
  return Number((await db.get<{ now: number | string }>(`SELECT ${now.sql} AS now`, now.params))!.now);
}

/**
 * Inside the transaction that takes the lock: the generation grows by one (never reset), and
 * the previous holder's latest check before a write is read, for the wait on its posts.
 */
export async function raiseGeneration(tx: SqlRunner, dialect: Dialect, hostNow: number): Promise<{ generation: number; checkedAt: number | null; now: number }> {
  await tx.run('UPDATE fencing SET generation = generation + 1 WHERE id = 1');
  const now = storeNow(dialect, hostNow);
  const row = await tx.get<{ generation: number | string; checked_at: number | string | null; now: number | string }>(
    `SELECT generation, checked_at, ${now.sql} AS now FROM fencing WHERE id = 1`, now.params);
  return { generation: Number(row!.generation), checkedAt: row!.checked_at === null ? null : Number(row!.checked_at), now: Number(row!.now) };
}

/**
 * The check before a Chatwork write, in one statement: true (and the store-clock time of the
 * check kept) when the generation is still this one. A successor's raise holds the row until
 * it commits, so a check either comes before it (and is waited for) or fails.
 */
export async function checkGeneration(db: SqlRunner, dialect: Dialect, generation: number, hostNow: number): Promise<boolean> {
  const now = storeNow(dialect, hostNow);
  return await db.run(`UPDATE fencing SET checked_at = ${now.sql} WHERE id = 1 AND generation = ?`, [...now.params, generation]) > 0;
}

/** The stored generation; an intent is refused in its own transaction when it is not the writer's. */
export async function assertGeneration(tx: SqlRunner, generation: number | undefined): Promise<void> {
  if (generation === undefined) return;
  const row = await tx.get<{ generation: number | string }>('SELECT generation FROM fencing WHERE id = 1');
  if (Number(row?.generation) !== generation) throw await fencedError(tx);
}

/** Exit 5, naming who holds the lock now (or that it was cleared by a forced unlock). */
export async function fencedError(db: SqlRunner): Promise<LockedError> {
  const row = await db.get<{ host: string; pid: number | string; since: number | string }>('SELECT host, pid, since FROM run_lock WHERE id = 1');
  return row
    ? new LockedError('state.fenced', { host: row.host, pid: Number(row.pid), since: new Date(Number(row.since)).toISOString() })
    : new LockedError('state.fencedUnlocked', {});
}

/** A clean release: none of this holder's writes is on the wire, so a successor need not wait. */
export async function clearChecked(db: SqlRunner, generation: number): Promise<void> {
  await db.run('UPDATE fencing SET checked_at = NULL WHERE id = 1 AND generation = ?', [generation]);
}

/**
 * A successor waits until the previous holder's last checked write is older than the POST
 * timeout plus the margin, on the store's clock, before it reconciles that holder's in-flight
 * intents: an answer still on the wire lands first. Only when there is something in flight.
 * Bounded: the check time is taken as no later than now, and the host clock caps the loop.
 */
export async function waitForPostsInFlight(
  db: SqlDatabase, clock: Clock, timings: FenceTimings, previous: { checkedAt: number | null; now: number }, onWait?: (ms: number) => void,
): Promise<void> {
  if (previous.checkedAt === null) return;
  const window = timings.postTimeoutMs + timings.marginMs;
  const deadline = Math.min(previous.checkedAt, previous.now) + window;
  if (deadline <= previous.now) return;
  const open = await db.get("SELECT 1 AS x FROM deliveries WHERE status = 'in-flight' OR recall_state = 'in-flight' LIMIT 1");
  if (!open) return;
  onWait?.(deadline - previous.now);
  const cap = clock.now() + window * 2;
  for (;;) {
    const now = await storeNowMs(db, db.dialect, clock.now());
    if (now >= deadline || clock.now() >= cap) return;
    await clock.sleep(Math.min(deadline - now, 250));
  }
}
