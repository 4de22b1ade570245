/**
 * Spreadsheets run a cell that starts with = + - @ (or tab, CR) as a formula: a name such
 * as =HYPERLINK("…") from outside would become a live link in Excel. OWASP's rule: such a
 * cell is written with a leading apostrophe. Cells that already start with apostrophes
 * before one of those characters get one more, so that reading back is exact.
 */

/** For every cell of every CSV this tool writes. */
export function csvSafeCell(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** For every cell of a CSV this tool wrote and reads back (links import). */
export function csvOriginalCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function csvSafeRows(rows: string[][]): string[][] {
  return rows.map((row) => row.map(csvSafeCell));
}
