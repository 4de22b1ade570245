import { systemClock, type Clock } from '../../sandbox/src/clock.js';

/**
 * The sandbox's clock for tests whose outcome hangs on where a run is. The sandbox sleeps once
 * per faulty request before serving it (with `latencyMs` > 0 and `postsOnly`, once per post),
 * so each sleep is "a post reached the sandbox": the test can act on the k-th post, before the
 * sandbox serves it, or hold posts on the wire until it releases them. The test then waits for an
 * event (a post held), never for a margin of wall-clock time.
 */
export interface PostGate extends Clock {
  /** Posts that have reached the sandbox since the gate was made. */
  readonly seen: number;
  /** The next `k` posts pass; later ones wait for release(). Resolves when the first one waits. */
  holdAfter(k: number): Promise<void>;
  /** Runs `action` when the k-th post from now arrives, before the sandbox serves it. */
  onPost(k: number, action: () => void): void;
  /** Lets every held post through, and stops holding. */
  release(): void;
}

export function createPostGate(): PostGate {
  let seen = 0;
  let holdFrom = Infinity;
  let opened = Promise.resolve();
  let open = () => {};
  let firstHeld = () => {};
  const actions = new Map<number, () => void>();
  return {
    get seen() { return seen; },
    now: () => Date.now(),
    async sleep(ms) {
      seen += 1;
      const action = actions.get(seen);
      actions.delete(seen);
      action?.();
      if (seen > holdFrom) {
        firstHeld();
        await opened;
      }
      await systemClock.sleep(ms);
    },
    holdAfter(k) {
      holdFrom = seen + k;
      opened = new Promise<void>((resolve) => { open = resolve; });
      return new Promise<void>((resolve) => { firstHeld = resolve; });
    },
    onPost(k, action) { actions.set(seen + k, action); },
    release() {
      holdFrom = Infinity;
      open();
    },
  };
}

/** Resolves when `event` does; fails, with the process's stderr, if the run ended first. */
export async function beforeEnd(event: Promise<void>, run: Promise<{ code: number | null; stderr: string }>, what: string): Promise<void> {
  const ended = run.then((result) => { throw new Error(`the run ended (exit ${result.code}) before ${what}:\n${result.stderr}`); });
  ended.catch(() => {});
  await Promise.race([event, ended]);
}
