import { EXIT_CODE_TABLE } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { ListedRun } from '../../store/store.js';

/** What an exit code means and what to do, from the table `--help` prints. */
interface ExitMeaning { code: number; meaning: MessageKey; action: MessageKey }

function exitMeaning(code: number): ExitMeaning | undefined {
  return EXIT_CODE_TABLE.find((row) => row.code === code);
}

/** A run's counts flattened for a cell: `delivered 8`, `skipReasons.unlinked 1` (numbers and reasons only, never names). */
export function countsOf(run: Pick<ListedRun, 'counts'>): [name: string, value: number][] {
  return Object.entries(run.counts).flatMap(([key, value]): [string, number][] => (typeof value === 'number' ? [[key, value]]
    : Object.entries(value).map(([sub, n]): [string, number] => [`${key}.${sub}`, n])));
}

/** The latest finished send-reminders run among those listed (newest first), with what its exit means. */
export function lastSendRun(runs: readonly ListedRun[]): { run: ListedRun; meaning?: ExitMeaning } | undefined {
  const run = runs.find((r) => r.command === 'send-reminders');
  if (!run) return undefined;
  const meaning = exitMeaning(run.exitCode);
  return { run, ...(meaning ? { meaning } : {}) };
}
