import { ExitCode, UsageError } from '../errors/index.js';
import { HARMLESS_SKIPS, type Skip, type SkipReason } from './plan.js';

/**
 * When send-reminders exits 3. An alert that fires on every run is read by nobody, and a real
 * company always has someone not linked: standing conditions are reported, not failed on.
 * - failed: a delivery failed after its retries (a room that is gone included) or was left pending;
 * - new-skips: someone the last run reached cannot be reached now;
 * - skipped: any skip that is a problem (the old behaviour, for strict teams).
 */
export type FailOn = 'failed' | 'skipped' | 'new-skips';
const FAIL_ON_VALUES: FailOn[] = ['failed', 'skipped', 'new-skips'];
const DEFAULT_FAIL_ON: FailOn[] = ['failed', 'new-skips'];

/** What says a person cannot be reached now. `unknown-user` (gone from the directory: retired) never is news. */
const UNREACHABLE: SkipReason[] = ['unlinked', 'contact-gone', 'not-member'];

/** `--fail-on failed,new-skips`; given twice is a usage error (which one was meant?). */
export function parseFailOn(given: string[] | undefined): FailOn[] {
  if (!given?.length) return DEFAULT_FAIL_ON;
  if (given.length > 1) throw new UsageError('failOn.twice');
  const values = given[0]!.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = values.filter((v) => !FAIL_ON_VALUES.includes(v as FailOn));
  if (bad.length || !values.length) throw new UsageError('failOn.bad', { value: given[0]!, valid: FAIL_ON_VALUES.join(', ') });
  return [...new Set(values as FailOn[])];
}

export interface Verdict {
  exitCode: number;
  /** Each person newly unreachable, once, with the reason of their first skip. */
  newSkips: { recipient: string; reason: SkipReason }[];
  /** Skips that are a problem but standing (reported, exit 0 unless --fail-on skipped). */
  problemSkips: number;
  /** Whom this run reached, or the last run had reached and this run did not see: the next run's yardstick. */
  reached: string[];
}

/**
 * `reachedBefore` is undefined when no earlier run recorded whom it reached (the first run):
 * then nobody is a new skip. Reach carries forward: a person this run did not plan for keeps
 * what the last run knew.
 */
export function judgeRun(input: {
  failOn: FailOn[]; failed: number; pending: number; skips: Skip[]; reachedNow: Iterable<string>; reachedBefore: Set<string> | undefined;
}): Verdict {
  const newSkips = new Map<string, SkipReason>();
  const unreachable = new Set<string>();
  for (const skip of input.skips) {
    if (skip.reason === 'unknown-user') unreachable.add(skip.recipient);
    if (!UNREACHABLE.includes(skip.reason)) continue;
    unreachable.add(skip.recipient);
    if (input.reachedBefore?.has(skip.recipient) && !newSkips.has(skip.recipient)) newSkips.set(skip.recipient, skip.reason);
  }
  const reachedNow = new Set(input.reachedNow);
  const reached = new Set([...(input.reachedBefore ?? [])].filter((id) => !unreachable.has(id)));
  for (const id of reachedNow) if (!unreachable.has(id)) reached.add(id);
  const problemSkips = input.skips.filter((s) => !HARMLESS_SKIPS.includes(s.reason)).length;
  const fails = (input.failOn.includes('failed') && (input.failed > 0 || input.pending > 0))
    || (input.failOn.includes('new-skips') && newSkips.size > 0)
    || (input.failOn.includes('skipped') && problemSkips > 0);
  return {
    exitCode: fails ? ExitCode.partial : ExitCode.ok,
    newSkips: [...newSkips].map(([recipient, reason]) => ({ recipient, reason })),
    problemSkips,
    reached: [...reached].sort(),
  };
}
