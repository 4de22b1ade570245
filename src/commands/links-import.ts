import { loadDirectory } from '../store/snapshot.js';
import { invalidFile } from '../directory/problems.js';
import { readTextFile } from '../directory/read-text.js';
import type { Deps } from '../deps.js';
import { parseLinksFile } from '../linking/links-file.js';

export interface LinksImportOptions { file: string; encoding?: string; json?: boolean }

/** The file is the whole mapping: validated first, then it replaces the links at once. */
export async function run(options: LinksImportOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const { text } = await readTextFile(options.file, options.encoding);
  const store = await deps.stores.state();
  const current = await loadDirectory(store);
  const contacts = await (await deps.http.chatwork()).contacts();
  const { links, problems } = parseLinksFile(options.file, text, current, contacts, new Date(deps.clock.now()).toISOString());
  if (problems.length) throw invalidFile(options.file, problems);
  const { added, changed, removed } = await store.links.replace(new Map(Object.entries(links)), { prune: true });
  if (options.json) return io.json({ added, changed, removed, links: Object.keys(links).length });
  io.err(t('links.imported', { count: Object.keys(links).length, added: added.length, changed: changed.length, removed: removed.length }));
}
