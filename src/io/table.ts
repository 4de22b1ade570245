import stringWidth from 'string-width';
import { visible } from './terminal-safe.js';

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

/** Text of one width per character: ASCII, Latin, kana, common kanji, full- and half-width forms. */
const SIMPLE = /^[\x20-\x7e\u00a1-\u00ac\u00ae-\u02ff\u3000-\u303e\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uffe6]*$/;
const WIDE = /[\u3000-\u303e\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]/g;

/**
 * string-width segments every string into graphemes, which is slow over 100,000 rows:
 * the usual Japanese names and ASCII are measured directly (a wide character counts two),
 * anything else (emoji, combining marks) by string-width, once per distinct value.
 */
function widthOf(): (text: string) => number {
  const cache = new Map<string, number>();
  return (text) => {
    if (SIMPLE.test(text)) return text.length + (text.match(WIDE)?.length ?? 0);
    let width = cache.get(text);
    if (width === undefined) {
      width = stringWidth(text);
      if (cache.size < 10_000) cache.set(text, width);
    }
    return width;
  };
}
