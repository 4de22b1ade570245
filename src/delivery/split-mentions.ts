/**
 * Splits the mentions of one group-chat post into as few consecutive runs as fit: each run,
 * its mentions joined by line breaks, is at most `budget` characters long. A mention longer
 * than the budget on its own is a run of its own: that post cannot be sent, and fails as
 * too-long without taking anyone else with it. Greedy and pure: the same mentions in the same
 * order always make the same runs, and a run that starts where it started before ends where
 * it ended before, so a re-plan without the runs already sent makes the others again.
 */
export function splitMentions<T>(items: readonly T[], lengthOf: (item: T) => number, budget: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let used = 0;
  for (const item of items) {
    const length = lengthOf(item);
    // The line break that joins it to the run before it counts too.
    const needed = run.length ? used + 1 + length : length;
    if (run.length && needed > budget) {
      runs.push(run);
      run = [item];
      used = length;
    } else {
      run.push(item);
      used = needed;
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** What `items` take as one {to}: their mentions joined by line breaks. */
export function joinedLength<T>(items: readonly T[], lengthOf: (item: T) => number): number {
  let total = Math.max(0, items.length - 1);
  for (const item of items) total += lengthOf(item);
  return total;
}
