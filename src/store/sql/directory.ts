import type { Destinations, HiManagerUser, Link, NotificationType } from '../../domain.js';
import type { DestinationsRepo, LinkChange, LinksRepo, UsersRepo } from '../store.js';
import type { SqlDatabase, SqlRunner, SqlValue } from './database.js';
import { CliError } from '../../errors/index.js';
import { destinationSchema } from '../config-schema.js';
import { chunks, inBatches, placeholders } from './batches.js';
import { applyDirectory, toUser, USER_COLUMNS, type UserRow } from './directory-sync.js';
import type { LinkWriteMeta } from '../repos/decisions.js';
import { recordLinkHistory } from './link-history.js';
import type { AuditWriter } from './audit.js';

interface LinkRow { user_id: string; account_id: number | string; source: Link['source']; linked_at: string }

/** The people in the directory: retired ones keep their row (and history) but are no longer listed or matched. */
const IN_DIRECTORY = 'retired_at IS NULL';
const toLink = (row: LinkRow): Link => ({ accountId: Number(row.account_id), source: row.source, linkedAt: row.linked_at });
const sameUser = (a: HiManagerUser, b: HiManagerUser) =>
  a.name === b.name && a.email === b.email && (a.department ?? '') === (b.department ?? '') && (a.reading ?? '') === (b.reading ?? '');

export function usersRepo(db: SqlDatabase): UsersRepo {
  const columns = USER_COLUMNS;
  return {
    count: async () => Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE ${IN_DIRECTORY}`))!.n),
    all: async () => (await db.all<UserRow>(`SELECT ${columns} FROM users WHERE ${IN_DIRECTORY} ORDER BY position`)).map(toUser),
    async byIds(ids) {
      const found = new Map<string, HiManagerUser>();
      await inBatches(ids, async (batch) => {
        const rows = await db.all<UserRow>(`SELECT ${columns} FROM users WHERE id IN (${placeholders(batch)})`, batch);
        for (const row of rows) found.set(row.id, toUser(row));
      });
      return found;
    },
    async lookup(references) {
      const found = new Map<string, HiManagerUser>();
      const emails = [...new Set(references.map((ref) => ref.trim().normalize('NFKC').toLowerCase()))];
      await inBatches([...new Set(references.map((ref) => ref.trim()))], async (batch) => {
        for (const row of await db.all<UserRow>(`SELECT ${columns} FROM users WHERE id IN (${placeholders(batch)})`, batch)) found.set(row.id, toUser(row));
      });
      await inBatches(emails, async (batch) => {
        for (const row of await db.all<UserRow>(`SELECT ${columns} FROM users WHERE email IN (${placeholders(batch)})`, batch)) found.set(row.id, toUser(row));
      });
      return [...found.values()];
    },
    async find(reference) {
      const wanted = reference.trim();
      const byId = await db.get<UserRow>(`SELECT ${columns} FROM users WHERE id = ?`, [wanted]);
      if (byId) return toUser(byId);
      const byEmail = await db.get<UserRow>(`SELECT ${columns} FROM users WHERE email = ? ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, position LIMIT 1`, [wanted.normalize('NFKC').toLowerCase()]);
      return byEmail ? toUser(byEmail) : undefined;
    },
    replaceAll: (users) => db.transaction(async (tx) => {
      const before = new Map((await tx.all<UserRow>(`SELECT ${columns} FROM users`)).map((row) => [row.id, toUser(row)]));
      const after = new Set(users.map((user) => user.id));
      const added: string[] = [];
      const changed: string[] = [];
      await tx.run('DELETE FROM users');
      let position = 0;
      for (const batch of chunks(users, 200)) {
        const values: SqlValue[] = [];
        for (const user of batch) {
          const previous = before.get(user.id);
          if (!previous) added.push(user.id);
          else if (!sameUser(previous, user)) changed.push(user.id);
          values.push(user.id, position++, user.name, user.email, user.department ?? null, user.reading ?? null);
        }
        await tx.run(`INSERT INTO users (id, position, name, email, department, reading) VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`, values);
      }
      const removed = [...before.keys()].filter((id) => !after.has(id));
      const orphanedLinks = (await tx.all<{ user_id: string }>('SELECT user_id FROM links ORDER BY user_id'))
        .map((row) => row.user_id).filter((id) => !after.has(id));
      return { added, changed, removed, orphanedLinks };
    }),
    applyDirectory: (plan) => applyDirectory(db, plan),
  };
}

export function linksRepo(db: SqlDatabase, audit: AuditWriter): LinksRepo {
  const all = async (runner: SqlRunner) => new Map((await runner.all<LinkRow>('SELECT user_id, account_id, source, linked_at FROM links ORDER BY user_id')).map((row) => [row.user_id, toLink(row)]));
  const write = (links: Map<string, Link>, prune: boolean, onlyIfUnlinked: boolean, meta: LinkWriteMeta) => db.transaction(async (tx) => {
    const before = await all(tx);
    const change: LinkChange = { added: [], changed: [], removed: [], refused: [] };
    // The mapping as it will be, judged whole: a swap of two contacts between two users is fine.
    const after = new Map(prune ? [...before].filter(([userId]) => links.has(userId)) : before);
    const proposed = [...links].filter(([userId, link]) => {
      const previous = before.get(userId);
      return !(previous && (onlyIfUnlinked || previous.accountId === link.accountId));
    });
    for (const [userId, link] of proposed) after.set(userId, link);
    const isNew = new Set(proposed.map(([userId]) => userId));
    const refusedFor = new Map<string, number>();
    // A refused user keeps their old link, so a contact the call meant to free can be taken again:
    // judge the mapping again until a round refuses nobody (each round refuses someone, or is the last).
    for (let judging = true; judging;) {
      judging = false;
      const holders = new Map<number, string[]>();
      for (const [userId, link] of after) holders.set(link.accountId, [...(holders.get(link.accountId) ?? []), userId]);
      for (const [userId] of proposed) {
        if (!isNew.has(userId)) continue;
        const accountId = after.get(userId)!.accountId;
        // Only those who still hold it: a newcomer refused earlier in this round holds nothing now.
        const others = holders.get(accountId)!.filter((id) => id !== userId && after.get(id)?.accountId === accountId);
        // Never two users on one contact: the one who held it keeps it; among newcomers, the smallest id, whatever the call's order.
        // (Who keeps it is named once the rounds are over.)
        if (!others.some((id) => !isNew.has(id) || id < userId)) continue;
        refusedFor.set(userId, accountId);
        const previous = before.get(userId);
        if (previous) after.set(userId, previous);
        else after.delete(userId);
        isNew.delete(userId);
        judging = true;
      }
    }
    // The owner named is who holds the contact in the end: a newcomer who kept it for a round may have lost it since.
    const holderOf = new Map([...after].map(([userId, link]) => [link.accountId, userId]));
    for (const [userId, accountId] of refusedFor) change.refused.push({ userId, owner: holderOf.get(accountId)! });
    for (const userId of before.keys()) if (!after.has(userId)) change.removed.push(userId);
    await inBatches(change.removed, (batch) => tx.run(`DELETE FROM links WHERE user_id IN (${placeholders(batch)})`, batch));
    for (const [userId, link] of after) {
      const previous = before.get(userId);
      if (previous && previous.accountId === link.accountId && previous.source === link.source && previous.linkedAt === link.linkedAt) continue;
      await tx.run('INSERT INTO links (user_id, account_id, source, linked_at) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET account_id = excluded.account_id, source = excluded.source, linked_at = excluded.linked_at',
        [userId, link.accountId, link.source, link.linkedAt]);
      if (!previous) change.added.push(userId);
      else if (previous.accountId !== link.accountId) change.changed.push(userId);
    }
    const pair = (userId: string, links: Map<string, Link>): [string, Link] => [userId, links.get(userId)!];
    // Only a pruning write removes links (without it, every old link stays in `after`).
    const removedReason = meta.reason ?? 'pruned';
    await recordLinkHistory(tx, change.removed.map((id) => pair(id, before)), [], { ...meta, endReason: removedReason });
    await recordLinkHistory(tx, change.changed.map((id) => pair(id, before)), [...change.added, ...change.changed].map((id) => pair(id, after)), { ...meta, endReason: meta.reason ?? 'corrected' });
    await audit.write(tx, [
      ...change.added.map((id) => ({ action: 'link.add' as const, subject: id, detail: { accountId: after.get(id)!.accountId, source: after.get(id)!.source } })),
      ...change.changed.map((id) => ({ action: 'link.change' as const, subject: id, detail: { before: before.get(id)!.accountId, after: after.get(id)!.accountId } })),
      ...change.removed.map((id) => ({ action: 'link.remove' as const, subject: id, detail: { accountId: before.get(id)!.accountId, reason: removedReason } })),
    ]);
    return change;
  });
  return {
    count: async () => Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM links'))!.n),
    all: () => all(db),
    async byUserIds(userIds) {
      const found = new Map<string, Link>();
      await inBatches(userIds, async (batch) => {
        const rows = await db.all<LinkRow>(`SELECT user_id, account_id, source, linked_at FROM links WHERE user_id IN (${placeholders(batch)})`, batch);
        for (const row of rows) found.set(row.user_id, toLink(row));
      });
      return found;
    },
    set: (links, options = {}) => write(links, false, options.onlyIfUnlinked === true, options),
    replace: (links, options) => write(links, options.prune, false, options),
    remove: (userIds, meta = {}) => db.transaction(async (tx) => {
      const ended: [string, Link][] = [];
      for (const userId of userIds) {
        const row = await tx.get<LinkRow>('SELECT user_id, account_id, source, linked_at FROM links WHERE user_id = ?', [userId]);
        if (row && await tx.run('DELETE FROM links WHERE user_id = ?', [userId])) ended.push([userId, toLink(row)]);
      }
      await recordLinkHistory(tx, ended, [], { ...meta, endReason: meta.reason ?? 'unlinked' });
      await audit.write(tx, ended.map(([userId, link]) => ({ action: 'link.remove' as const, subject: userId, detail: { accountId: link.accountId, reason: meta.reason ?? 'unlinked' } })));
      return ended.map(([userId]) => userId);
    }),
  };
}

export function destinationsRepo(db: SqlDatabase, location: string, audit: AuditWriter): DestinationsRepo {
  return {
    async all() {
      const rows = await db.all<{ type: NotificationType; destination: string }>('SELECT type, destination FROM destinations');
      return Object.fromEntries(rows.map((row) => [row.type, row.destination])) as Destinations;
    },
    async set(type, destination) {
      if (destination !== undefined && !destinationSchema.safeParse(destination).success) throw new CliError('state.invalidSetting', { location, field: `destinations.${type}`, reason: destination });
      await db.transaction(async (tx) => {
        const before = (await tx.get<{ destination: string }>('SELECT destination FROM destinations WHERE type = ?', [type]))?.destination;
        if (before === destination) return;
        if (destination === undefined) await tx.run('DELETE FROM destinations WHERE type = ?', [type]);
        else await tx.run('INSERT INTO destinations (type, destination) VALUES (?, ?) ON CONFLICT (type) DO UPDATE SET destination = excluded.destination', [type, destination]);
        await audit.write(tx, [{ action: 'destination.set', subject: type, detail: { before: before ?? null, after: destination ?? null } }]);
      });
    },
  };
}
