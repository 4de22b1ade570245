/** What a run counted: numbers and reasons only, never names (it goes into pings too). */
export type RunCounts = Record<string, number | Record<string, number>>;

/** One finished run of a command that changes or sends (src/runs/recorded-commands.ts). */
interface RunRecord {
  /** The invocation's UUID (deps.run.id; healthchecks' rid). */
  runId: string;
  /** As typed without the program's name: `send-reminders`, `contacts approve`. */
  command: string;
  host: string;
  pid: number;
  version: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  exitCode: number;
  counts: RunCounts;
  /** send-reminders: the user ids this run reached (delivered or held for the window). */
  reached?: string[];
  /** send-reminders: whether the run started inside the send window (doctor's window check). */
  inWindow?: boolean;
}

export interface RunQuery {
  /** Epoch ms, inclusive, on the run's end. */
  since?: number;
  until?: number;
  command?: string;
  /** 0 or absent: all. */
  limit?: number;
}

/** A run as listed: rows from before migration 0005 have no id, host or version (send-reminders runs). */
export type ListedRun = Omit<RunRecord, 'runId' | 'host' | 'pid' | 'version' | 'reached'> & { runId?: string; host?: string; pid?: number; version?: string };

/** The runs table: one row per finished run, written once at its end. */
export interface RunRecords {
  record(run: RunRecord): Promise<void>;
  /** Newest first. */
  list(query?: RunQuery): Promise<ListedRun[]>;
  /** The latest finished run of `command` (rows from before 0005 are send-reminders'). */
  lastFinished(command: string): Promise<ListedRun | undefined>;
  /** Whom the latest finished send-reminders run reached; undefined when no run recorded it. */
  reachedAtLastRun(): Promise<Set<string> | undefined>;
}
