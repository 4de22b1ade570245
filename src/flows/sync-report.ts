import type { Deps } from '../deps/deps.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { DirectoryDiff } from '../himanager-users/directory-diff.js';

/** What the report reads of the sync's file, options and outcome (sync-users.ts has them whole; importing them back would close a circle). */
interface Reported {
  source: { name: string; encoding: string };
  options: { dryRun?: boolean; json?: boolean };
  outcome: { diff: DirectoryDiff; share: number; maxShare: number; refused: boolean; count: number };
}

/**
 * What an import or sync says: --json, the counts and every person with what changed; else the
 * counts on stderr, and for a dry run (or a refusal) each person on stdout, with the links that end.
 */
export async function reportDiff(deps: Deps, source: Reported['source'], options: Reported['options'], outcome: Reported['outcome']): Promise<void> {
  const { io, t } = deps;
  const { diff } = outcome;
  const linksEnding = diff.retired.filter((r) => r.accountId !== undefined).length;
  if (options.json) {
    return io.json({
      runId: deps.run.id, file: source.name, encoding: source.encoding, dryRun: options.dryRun === true, refused: outcome.refused,
      users: outcome.count, active: diff.activeAfter, retireShare: Number(outcome.share.toFixed(2)), maxRetireShare: outcome.maxShare,
      counts: { added: diff.added.length, changed: diff.changed.length, retired: diff.retired.length, reactivated: diff.reactivated.length, linksEnded: outcome.refused || options.dryRun ? 0 : linksEnding },
      added: diff.added.map((p) => p.id), changed: diff.changed.map((p) => ({ id: p.id, fields: p.fields })),
      retired: diff.retired.map((p) => ({ id: p.id, cause: p.cause, ...(p.accountId !== undefined ? { accountId: p.accountId } : {}) })),
      reactivated: diff.reactivated.map((p) => p.id),
    });
  }
  io.err(t('directory.summary', {
    file: source.name, count: outcome.count, added: diff.added.length, changed: diff.changed.length, retired: diff.retired.length, reactivated: diff.reactivated.length,
  }));
  const writes = !options.dryRun && !outcome.refused;
  if (!writes) await io.lines(diffLines(deps, diff));
  if (linksEnding) io.err(t(writes ? 'directory.linksEnded' : 'directory.linksWouldEnd', { count: linksEnding }));
  if (options.dryRun) io.err(t('directory.dryRun'));
}

/** One line a person, in the admin's language: who is added, changed (which fields), retired (which link ends), back. */
function diffLines(deps: Deps, diff: DirectoryDiff): string[] {
  const { t } = deps;
  const fields = (names: string[]) => names.map((field) => t(`directory.field.${field}` as MessageKey)).join(t('directory.fieldSeparator'));
  return [
    ...diff.added.map((p) => t('directory.added', { id: p.id, name: p.name })),
    ...diff.changed.map((p) => t('directory.changed', { id: p.id, name: p.name, fields: fields(p.fields) })),
    ...diff.retired.map((p) => (p.accountId === undefined
      ? t('directory.retired', { id: p.id, name: p.name })
      : t('directory.retiredLinked', { id: p.id, name: p.name, accountId: p.accountId }))),
    ...diff.reactivated.map((p) => t('directory.reactivated', { id: p.id, name: p.name })),
  ];
}
