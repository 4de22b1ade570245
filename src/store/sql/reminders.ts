import type { NotificationType } from '../../domain.js';
import type { AnsweredPerson, ObservedReminder, ReminderInput, ReminderObservation, RemindersRepo } from '../repos/reminders.js';
import { roundOrder } from '../repos/round-labels.js';
import type { SqlDatabase, SqlRunner } from './database.js';
import { chunks, inBatches, placeholders } from './batches.js';

interface InputRow { reminder_id: string; type: NotificationType; title: string; due: string | null; first_seen_at: number | string; last_seen_at: number | string }
const INPUT_COLUMNS = 'reminder_id, type, title, due, first_seen_at, last_seen_at';
/** Rows per multi-row statement: 6 parameters each, well under both backends' limits. */
const ROWS = 500;

/**
 * The reminders' inputs over time, one reminder at a time: only one reminder's pending people
 * (50,000 at most in practice) stand in memory, and they are written in batches.
 */
export function remindersRepo(db: SqlDatabase): RemindersRepo {
  return {
    async compare(input, at) {
      const out: ObservedReminder[] = [];
      for (const observation of input) out.push((await diff(db, observation, at)).observed);
      return out;
    },
    observe: (input, at) => db.transaction(async (tx) => {
      const out: ObservedReminder[] = [];
      for (const observation of input) {
        const { observed, now } = await diff(tx, observation, at);
        await record(tx, observation, observed, now, at);
        out.push(observed);
      }
      return out;
    }),
    async get(reminderId) {
      const row = await db.get<InputRow>(`SELECT ${INPUT_COLUMNS} FROM reminder_inputs WHERE reminder_id = ?`, [reminderId]);
      return row ? toInput(row) : undefined;
    },
    list: async () => (await db.all<InputRow>(`SELECT ${INPUT_COLUMNS} FROM reminder_inputs ORDER BY reminder_id`)).map(toInput),
    pending: async (reminderId) => (await db.all<{ user_id: string }>(
      'SELECT user_id FROM reminder_people WHERE reminder_id = ? AND answered_at IS NULL ORDER BY user_id', [reminderId])).map((row) => row.user_id),
    answered: async (reminderId) => (await db.all<{ user_id: string; answered_at: number | string; answered_after_round: string | null }>(
      'SELECT user_id, answered_at, answered_after_round FROM reminder_people WHERE reminder_id = ? AND answered_at IS NOT NULL ORDER BY user_id', [reminderId]))
      .map((row): AnsweredPerson => ({ userId: row.user_id, at: Number(row.answered_at), ...(row.answered_after_round !== null ? { afterRound: row.answered_after_round } : {}) })),
  };
}

/** Who answered (pending before, absent now) and who is new, read only. */
async function diff(runner: SqlRunner, observation: ReminderObservation, at: number): Promise<{ observed: ObservedReminder; now: Set<string> }> {
  const now = new Set(observation.to);
  const known = await runner.get<{ first_seen_at: number | string }>('SELECT first_seen_at FROM reminder_inputs WHERE reminder_id = ?', [observation.reminderId]);
  const before = new Set((await runner.all<{ user_id: string }>(
    'SELECT user_id FROM reminder_people WHERE reminder_id = ? AND answered_at IS NULL', [observation.reminderId])).map((row) => row.user_id));
  const answered = [...before].filter((userId) => !now.has(userId)).sort();
  const added = [...now].filter((userId) => !before.has(userId)).sort();
  return {
    observed: { reminderId: observation.reminderId, answered, added, pendingBefore: before.size, pending: now.size, firstSeenAt: known ? Number(known.first_seen_at) : at },
    now,
  };
}

async function record(tx: SqlRunner, observation: ReminderObservation, observed: ObservedReminder, now: Set<string>, at: number): Promise<void> {
  await tx.run(`INSERT INTO reminder_inputs (${INPUT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (reminder_id) DO UPDATE SET type = excluded.type, title = excluded.title, due = excluded.due, last_seen_at = excluded.last_seen_at`,
  [observation.reminderId, observation.type, observation.title ?? '', observation.due ?? null, at, at]);
  // Everyone listed is pending (again, if they had answered): last seen now.
  for (const batch of chunks([...now], ROWS)) {
    await tx.run(`INSERT INTO reminder_people (reminder_id, user_id, first_seen_at, last_seen_at, answered_at, answered_after_round)
      VALUES ${batch.map(() => '(?, ?, ?, ?, NULL, NULL)').join(', ')}
      ON CONFLICT (reminder_id, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, answered_at = NULL, answered_after_round = NULL`,
    batch.flatMap((userId) => [observation.reminderId, userId, at, at]));
  }
  // Those who answered, grouped by the latest round they had been sent.
  const byRound = new Map<string | null, string[]>();
  await inBatches(observed.answered, async (batch) => {
    const rows = await tx.all<{ user_id: string; round: string }>(`SELECT p.user_id, p.round FROM delivery_pairs p JOIN deliveries d ON d.key = p.delivery_key
      WHERE p.reminder_id = ? AND p.user_id IN (${placeholders(batch)}) AND d.status = 'sent' AND d.recall_state IS NULL`, [observation.reminderId, ...batch]);
    const latest = new Map<string, string>();
    for (const row of rows) {
      const seen = latest.get(row.user_id);
      if (seen === undefined || roundOrder(row.round) > roundOrder(seen)) latest.set(row.user_id, row.round);
    }
    for (const userId of batch) {
      const round = latest.get(userId) ?? null;
      const people = byRound.get(round);
      if (people) people.push(userId);
      else byRound.set(round, [userId]);
    }
  });
  for (const [round, people] of byRound) {
    await inBatches(people, (batch) => tx.run(`UPDATE reminder_people SET answered_at = ?, answered_after_round = ?
      WHERE reminder_id = ? AND user_id IN (${placeholders(batch)})`, [at, round, observation.reminderId, ...batch]));
  }
}

function toInput(row: InputRow): ReminderInput {
  return {
    reminderId: row.reminder_id, type: row.type, title: row.title, ...(row.due !== null ? { due: row.due } : {}),
    firstSeenAt: Number(row.first_seen_at), lastSeenAt: Number(row.last_seen_at),
  };
}
