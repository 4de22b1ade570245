/**
 * "This store's state lives elsewhere now": written by `state migrate` on the store it copied
 * from, as the last step, after the copy was verified. A store that carries it refuses every
 * command but `state info` and `doctor`; only a `state migrate` back to it clears it.
 */
export interface MovedMarker {
  /** Where the state went: a path, or a URL without its password (safe to print). */
  location: string;
  /** Epoch ms. */
  at: number;
  host: string;
  /** The run id of the `state migrate` that moved it. */
  runId: string;
}

export interface MovedRepo {
  get(): Promise<MovedMarker | undefined>;
  set(marker: MovedMarker): Promise<void>;
  clear(): Promise<void>;
}

/** The settings row that holds the marker: never in a dump, never written by an import. */
export const MOVED_SETTING = 'movedTo';
