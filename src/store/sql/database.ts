/** The few things the shared SQL needs from a driver; one small adapter per backend. */
export type SqlValue = string | number | null;

export interface SqlRunner {
  /** `?` placeholders in both dialects: the PostgreSQL adapter numbers them. */
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  /** The number of rows changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * A transaction that writes, serialised against every other writer of the store
   * (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), so a
   * read-modify-write inside never loses a concurrent change. Committed durably on return.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One schema change, applied once, in order, inside a transaction. */
export interface Migration { version: number; name: string; sql: string }
