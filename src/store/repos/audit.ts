/** Who changed what, when, from where: one row per change an admin made (migration 10). */
type AuditPlace = 'cli' | 'console';

/** The actor of this process's writes: the OS user, and whether the CLI or the console made them. */
export interface AuditActor { who: string; where: AuditPlace }

type AuditAction = 'link.add' | 'link.change' | 'link.remove' | 'link.reject' | 'link.unreject' | 'destination.set' | 'setting.set';

export interface AuditEntry {
  at: string;
  who: string;
  where: AuditPlace;
  action: AuditAction;
  /** A user id, a notification type, a setting's name. */
  subject: string;
  /** The values before and after (never a secret: settings hold none). */
  detail: Record<string, unknown>;
}

/** Without a limit: every row. */
export interface AuditQuery { since?: string; limit?: number; subject?: string }

export interface AuditRepo {
  /** Who this process's later writes are recorded as (the CLI's default: the OS user, `cli`). */
  actAs(actor: AuditActor): void;
  /** Newest first. */
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}
