import { loadDirectory } from '../../../store/snapshot.js';
import type { Deps } from '../../../deps/deps.js';
import { linkReport } from '../../../linking/link-state.js';
import { linksCsvRows } from '../../../linking/links-file.js';
import { writeFileAtomic } from '../../../store/atomic-file.js';
import { CSV_BOM, csvHeaderRow, csvWantsBom, LINKS_CSV, parseCsvHeaderMode } from '../../../io/csv-headers.js';

export interface LinksExportOptions { file: string; csvHeaders?: string }

/** UTF-8 with a BOM, so that Excel in Japan opens it with the right characters; `--csv-headers keys` for machines. */
export async function run(options: LinksExportOptions, deps: Deps): Promise<void> {
  const mode = parseCsvHeaderMode(options.csvHeaders);
  const settings = await loadDirectory(await deps.stores.state());
  const contacts = await (await deps.http.chatwork()).contacts();
  const rows = linksCsvRows(linkReport(settings, contacts), settings, deps.t, csvHeaderRow(LINKS_CSV, mode, deps.env.lang));
  const { stringify } = await import('csv-stringify/sync');
  await writeFileAtomic(options.file, (csvWantsBom(mode) ? CSV_BOM : '') + stringify(rows, { record_delimiter: 'windows' }), 0o600);
  deps.io.err(deps.t('links.exported', { count: rows.length - 1, file: options.file }));
}
