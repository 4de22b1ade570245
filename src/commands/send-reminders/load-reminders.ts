import type { Deps } from '../../deps/deps.js';
import type { HiManagerUser } from '../../domain.js';
import { UsageError } from '../../errors/index.js';
import { invalidFile } from '../../himanager-users/problems.js';
import { readInput } from '../../delivery/input.js';
import { parseRecords } from '../../delivery/input-records.js';
import { referencesIn, validateReminders, type Reminder } from '../../delivery/reminders.js';
import { maxInputBytes } from '../../io/input-limit.js';
import type { Store } from '../../store/store.js';

/** The flags of send-reminders that say what to read and how much. */
interface InputOptions { input?: string; header?: string[]; maxInputSize?: string; allowEmpty?: boolean }

/**
 * Read, parsed and validated record by record, in a function of its own so that the input
 * text and the raw records are garbage once the reminders exist (a million-record input).
 * Only the people the input names are read from the directory, in batches.
 */
export async function loadReminders(options: InputOptions, deps: Deps, store: Store): Promise<{ reminders: Reminder[]; referenced: HiManagerUser[] }> {
  const { text, name } = await readInput({
    input: options.input!, headers: options.header, env: deps.env.processEnv, stdin: deps.io.stdin, registerSecret: deps.io.registerSecret,
    maxBytes: maxInputBytes(options.maxInputSize, deps.env.processEnv),
  });
  // Two passes over the text, each record parsed and dropped: first who is named, then the
  // reminders against just those people, looked up in batches (the directory stays in the store).
  const referenced = await store.users.lookup(referencesIn(parseRecords(name, text)));
  const { reminders, problems, count } = validateReminders(parseRecords(name, text), referenced);
  if (problems.length) throw invalidFile(name, problems);
  // Cron's alert fires on a non-zero exit: an export that came back empty must not read as "Delivered 0".
  if (count === 0 && !options.allowEmpty) throw new UsageError('input.empty', { name });
  return { reminders, referenced };
}
