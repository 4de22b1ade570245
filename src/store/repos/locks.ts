/** One send-reminders at a time per store, and one token refresh at a time across hosts. */
export interface LockOwner { host: string; pid: number; since: number; heartbeat: number; processStart?: string }

export interface RunLock {
  release(): Promise<void>;
  /** Aborted when the lock is lost while held (a shared database dropped the holder's connection): stop sending. */
  readonly signal?: AbortSignal;
  /** The fencing token: it only grows; every intent this run writes carries it. */
  readonly generation: number;
  /**
   * Before every Chatwork write: resolves while this run still holds its generation, else
   * throws a LockedError (exit 5) naming the new holder. Records the check's store-clock time.
   */
  check(): Promise<void>;
}

export interface AcquireRunOptions {
  /** Told how long (ms) the new holder waits for the previous holder's posts that may still be on the wire. */
  onWait?(ms: number): void;
}

export interface LockRepo {
  /**
   * Only one send-reminders per store, across hosts; the second gets a LockedError naming the
   * holder. Taking it raises the generation, which fences every earlier holder.
   */
  acquireRun(options?: AcquireRunOptions): Promise<RunLock>;
  /** The current holder, and whether it is stale (its process gone; on another host, its heartbeat old). */
  runHolder(): Promise<{ owner: LockOwner; stale: boolean } | undefined>;
  /**
   * Clears a stale run lock; refuses (LockedError) a live one unless `force`, which raises the
   * generation (the holder is fenced when it resumes) and, on PostgreSQL, ends its lock session.
   */
  breakRun(options?: { force?: boolean }): Promise<boolean>;
  /** Serialises refresh-and-store of the rotating refresh token across every host of the store. */
  withTokenLock<T>(fn: () => Promise<T>): Promise<T>;
}
