import stringWidth from 'string-width';
import { simpleWidth } from './display-width.js';
import { visible } from '../text/terminal-safe.js';

/**
 * Columns padded by display width: a kanji takes two cells, a half-width kana one. Cells
 * come from outside (names, departments), so their terminal controls are made visible.
 * Loops, not Math.max(...cells): a spread over 100,000 rows overflows the stack.
 */
export function formatTable(headers: string[], rows: string[][]): string[] {
  return [...tableLines(headers, rows)];
}

/** The same lines, one at a time, for io.lines(): a long list is never held twice as text. */
export function* tableLines(headers: string[], rows: string[][]): Generator<string> {
  const width = widthOf();
  const safeRows = rows.map((row) => row.map((cell) => visible(cell)));
  const widths = headers.map((header) => width(header));
  for (const row of safeRows) {
    for (let column = 0; column < widths.length; column++) {
      const cell = width(row[column] ?? '');
      if (cell > widths[column]!) widths[column] = cell;
    }
  }
  const line = (cells: string[]) => cells
    .map((cell, column) => column === cells.length - 1 ? cell : cell + ' '.repeat(Math.max(0, widths[column]! - width(cell))))
    .join('  ')
    .trimEnd();
  yield line(headers);
  for (const row of safeRows) yield line(row);
}

/**
 * string-width segments every string into graphemes, which is slow over 100,000 rows:
 * the usual Japanese names and ASCII are measured directly (a wide character counts two),
 * anything else (emoji, combining marks) by string-width, once per distinct value.
 */
function widthOf(): (text: string) => number {
  const cache = new Map<string, number>();
  return (text) => {
    const simple = simpleWidth(text);
    if (simple !== undefined) return simple;
    let width = cache.get(text);
    if (width === undefined) {
      width = stringWidth(text);
      if (cache.size < 10_000) cache.set(text, width);
    }
    return width;
  };
}
