/** One send-reminders at a time per store, and one token refresh at a time across hosts. */
export interface LockOwner { host: string; pid: number; since: number; heartbeat: number; processStart?: string }

export interface RunLock {
  release(): Promise<void>;
  /** Aborted when the lock is lost while held (a shared database dropped the holder's connection): stop sending. */
  readonly signal?: AbortSignal;
}

export interface LockRepo {
  /** Only one send-reminders per store, across hosts; the second gets a LockedError naming the holder. */
  acquireRun(): Promise<RunLock>;
  /** The current holder, and whether it is stale (its process gone, its heartbeat old). */
  runHolder(): Promise<{ owner: LockOwner; stale: boolean } | undefined>;
  /** Clears a stale run lock; refuses (LockedError) a live one. */
  breakRun(): Promise<boolean>;
  /** Serialises refresh-and-store of the rotating refresh token across every host of the store. */
  withTokenLock<T>(fn: () => Promise<T>): Promise<T>;
}
