/**
 * A period of leave: no reminder between `from` and `until`, both inclusive calendar dates
 * (YYYY-MM-DD) in the calendar's time zone. `until` absent: the end is not known yet.
 */
export interface LeavePeriod {
  userId: string;
  from: string;
  until?: string;
  reason?: string;
  /** `users leave` (command) or a users file's leave columns or status (directory). */
  source: 'command' | 'directory';
  /** ISO 8601. */
  setAt: string;
  /** Who: the command and its run. */
  setBy: string;
}

export interface LeaveRepo {
  /** Every period, by user id then source. */
  all(): Promise<LeavePeriod[]>;
  /** The periods of these people, by user id; asked in batches. */
  byUserIds(userIds: string[]): Promise<Map<string, LeavePeriod[]>>;
  /** Writes (or replaces) the period of this person from this source. */
  set(period: LeavePeriod): Promise<void>;
  /** Removes every period of this person, from both sources; how many. */
  clear(userId: string): Promise<number>;
  /** The directory's periods become these, in one transaction (a users file is the whole truth of its columns). */
  replaceDirectory(periods: LeavePeriod[]): Promise<void>;
}
