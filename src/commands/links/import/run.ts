import { replaceLinks } from '../../../linking/write-links.js';
import { invalidFile } from '../../../himanager-users/problems.js';
import { readTextFile } from '../../../himanager-users/read-text.js';
import { maxInputBytes } from '../../../io/input-limit.js';
import type { Deps } from '../../../deps/deps.js';
import { CancelError, UsageError } from '../../../errors/index.js';
import { parseLinksFile } from '../../../linking/links-file.js';
import { loadDirectory } from '../../../store/snapshot.js';

export interface LinksImportOptions { file: string; encoding?: string; json?: boolean; prune?: boolean; yes?: boolean; maxInputSize?: string }

/**
 * The file is validated as a whole first. It adds and changes links; it removes the links
 * it does not have only with --prune (confirmed on a terminal), since a file cut short
 * or a filtered spreadsheet would otherwise unlink people silently.
 */
export async function run(options: LinksImportOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const { text } = await readTextFile(options.file, options.encoding, maxInputBytes(options.maxInputSize, deps.env.processEnv));
  const store = await deps.stores.state();
  const current = await loadDirectory(store);
  const contacts = await (await deps.http.chatwork()).contacts();
  const { links, problems } = parseLinksFile(options.file, text, current, contacts, new Date(deps.clock.now()).toISOString());
  if (problems.length) throw invalidFile(options.file, problems);
  const before = current.links;
  const missing = Object.keys(before).filter((id) => !links[id]);
  if (!options.prune) {
    // A contact the file gives to someone else stays linked to its old user unless pruned: refuse, never link it twice.
    const owner = new Map<number, string>();
    for (const [userId, link] of Object.entries({ ...before, ...links })) {
      const other = owner.get(link.accountId);
      if (other !== undefined) throw new UsageError('linksImport.needsPrune', { account: link.accountId, users: `${other}, ${userId}` });
      owner.set(link.accountId, userId);
    }
  }
  if (options.prune && missing.length && io.canPrompt && !options.yes
    && !await deps.prompts.confirm(t('linksImport.confirmPrune', { count: missing.length }), { default: false })) {
    throw new CancelError('error.cancelled');
  }
  // One transaction that judges the whole new mapping: a concurrent change is never overwritten blindly.
  const { added, changed, removed, refused } = await replaceLinks(store, links, options.prune === true, { confirmed: true, at: new Date(deps.clock.now()).toISOString() });
  if (refused.length) throw new UsageError('linksImport.needsPrune', { account: links[refused[0]!.userId]!.accountId, users: `${refused[0]!.owner}, ${refused[0]!.userId}` });
  const kept = options.prune ? [] : missing;
  const total = Object.keys(links).length + kept.length;
  if (options.json) return io.json({ added, changed, removed, kept, links: total });
  io.err(t('links.imported', { count: total, added: added.length, changed: changed.length, removed: removed.length }));
  if (kept.length) io.err(t('linksImport.kept', { count: kept.length }));
}
