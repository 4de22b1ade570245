/**
 * One stretch of time in which the rate limit holds the run: it starts with a wait and ends when
 * a request is let through. Requests that meet the limit meanwhile (several in flight, waking
 * together at a reset and waiting on) wait in the same episode, told of once and again only
 * when it reaches further, so that a log says "waiting" once per hold, not once per waiter.
 */
export interface WaitEpisode {
  readonly id: number;
  readonly startedAt: number;
  /** When the longest wait of the episode known so far ends (epoch ms). */
  readonly until: number;
  /** Which limit holds it: the account's budget, or a room's posting limit. */
  readonly scope: 'account' | 'room';
}

export class WaitEpisodes {
  private current?: WaitEpisode;
  private open = false;

  /** A wait about to start: returns the episode when that is news (it opens or reaches further), else undefined. */
  note(now: number, wait: number, scope: WaitEpisode['scope']): WaitEpisode | undefined {
    const until = now + wait;
    if (!this.open || !this.current) {
      this.current = { id: (this.current?.id ?? 0) + 1, startedAt: now, until, scope };
      this.open = true;
    } else if (until > this.current.until) {
      this.current = { ...this.current, until, scope };
    } else return undefined;
    return this.current;
  }

  /** A request was let through: the run moves again, and the next wait is a new episode. */
  through(): void {
    this.open = false;
  }
}
