import { osUser } from '../../io/os-user.js';
import type { AuditActor, AuditEntry, AuditQuery, AuditRepo } from '../repos/audit.js';
import type { SqlDatabase, SqlRunner } from './database.js';

/** One change to record: the rest (who, where, when) is the writer's. */
export type AuditChange = Pick<AuditEntry, 'action' | 'subject' | 'detail'>;

/**
 * The one place audit rows are written: each repository that changes admin state (links, link
 * decisions, destinations, settings) hands its changes here INSIDE its own transaction, so a
 * change and its record are committed together or not at all, whoever made it (CLI or console).
 */
export interface AuditWriter {
  write(tx: SqlRunner, changes: AuditChange[]): Promise<void>;
}


interface AuditRow { at: string; who: string; place: string; action: string; subject: string; detail: string }

export function createAudit(db: SqlDatabase): { repo: AuditRepo; writer: AuditWriter } {
  let actor: AuditActor = { who: osUser(), where: 'cli' };
  const writer: AuditWriter = {
    async write(tx, changes) {
      const at = new Date().toISOString();
      for (const change of changes) {
        await tx.run('INSERT INTO audit (at, who, place, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)',
          [at, actor.who, actor.where, change.action, change.subject, JSON.stringify(change.detail)]);
      }
    },
  };
  const repo: AuditRepo = {
    actAs(next) { actor = { ...next }; },
    async list(query: AuditQuery = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (query.since) { where.push('at >= ?'); params.push(query.since); }
      if (query.subject) { where.push('subject = ?'); params.push(query.subject); }
      const rows = await db.all<AuditRow>(`SELECT at, who, place, action, subject, detail FROM audit${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC${query.limit ? ' LIMIT ?' : ''}`,
        query.limit ? [...params, query.limit] : params);
      return rows.map((row) => ({ at: row.at, who: row.who, where: row.place as AuditActor['where'], action: row.action as AuditEntry['action'], subject: row.subject, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    },
  };
  return { repo, writer };
}
