import type { Deps } from '../deps/deps.js';
import { CliError, ExitCode, UsageError } from '../errors/index.js';
import { withdrawStaleHeld } from '../delivery/held.js';
import { invalidFile } from '../himanager-users/problems.js';
import { parseUsersFile } from '../himanager-users/users-file.js';
import { diffDirectory, retireShare, type DirectoryDiff } from '../himanager-users/directory-diff.js';
import { reportDiff } from './sync-report.js';
import { calendarOf, localTime } from '../calendar/calendar.js';
import { decidedBy } from '../linking/write-links.js';

const TESTED_USERS = 100_000;
const DEFAULT_MAX_RETIRE_SHARE = 10;

/** The guard's refusal: a person must look at the export first (exit 3), and nothing changed. */
class MassRetireError extends CliError { override readonly exitCode = ExitCode.partial; }

export interface DirectoryOptions { dryRun?: boolean; json?: boolean; maxRetireShare?: string; allowMassRetire?: boolean }
/** A users file read whole: its name as given, its text and the encoding it was read in. */
export interface UsersSource { name: string; text: string; encoding: string }

export interface DirectoryOutcome { diff: DirectoryDiff; share: number; maxShare: number; refused: boolean; count: number }

/**
 * `users import` and `users sync`, one path: the file is validated whole, then judged against
 * the directory and written in one transaction — or nothing is, for a dry run, for a file with
 * a problem (exit 2), or when it would retire more than the allowed share (exit 3).
 */
export async function syncDirectory(deps: Deps, source: UsersSource, options: DirectoryOptions): Promise<DirectoryOutcome> {
  const maxShare = parseShare(options.maxRetireShare);
  const store = await deps.stores.state();
  // The calendar's today starts a leave the file gives no first day for.
  const today = localTime(deps.clock.now(), calendarOf(await store.config.get()).timeZone).date;
  const { users, problems, leaves } = parseUsersFile(source.name, source.text, today);
  if (problems.length) throw invalidFile(source.name, problems);
  const at = new Date(deps.clock.now()).toISOString();
  const outcome = await store.users.applyDirectory((current) => {
    const { diff, write } = diffDirectory(current, users, at);
    const share = retireShare(diff);
    const refused = share > maxShare && !options.allowMassRetire;
    return { write: options.dryRun || refused ? undefined : write, result: { diff, share, maxShare, refused, count: users.length } };
  });
  // The file's leave columns are the whole truth of the directory's leave (`users leave` keeps its own).
  if (!options.dryRun && !outcome.refused) await store.leave.replaceDirectory(leaves.map((l) => ({ ...l, source: 'directory', setAt: at, setBy: decidedBy(deps.run) })));
  // A held delivery to someone whose link just ended is withdrawn now, as after an unlink.
  if (!options.dryRun && !outcome.refused && outcome.diff.retired.some((r) => r.accountId !== undefined)) await withdrawStaleHeld(store, deps.clock.now());
  if (users.length > TESTED_USERS) deps.io.err(deps.t('users.aboveTested', { count: users.length, tested: TESTED_USERS }));
  await reportDiff(deps, source, options, outcome);
  if (outcome.refused) {
    throw new MassRetireError('directory.guard', {
      count: outcome.diff.retired.length, active: outcome.diff.activeBefore, share: formatShare(outcome.share), max: formatShare(maxShare),
    });
  }
  return outcome;
}

function parseShare(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RETIRE_SHARE;
  const share = Number(value.trim().replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 100) throw new UsageError('directory.badShare', { value });
  return share;
}

const formatShare = (share: number) => String(Math.round(share * 10) / 10);
