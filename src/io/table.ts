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

export function* tableLines(headers: string[], rows: string[][]): Generator<string> {
  const safeRows = rows.map((row) => row.map((cell) => visible(cell)));
  const widths = headers.map((header) => stringWidth(header));
  for (const row of safeRows) {
    for (let column = 0; column < widths.length; column++) {
      const width = stringWidth(row[column] ?? '');
      if (width > widths[column]!) widths[column] = width;
    }
  }
  const line = (cells: string[]) => cells
    .map((cell, column) => column === cells.length - 1 ? cell : cell + ' '.repeat(Math.max(0, widths[column]! - stringWidth(cell))))
    .join('  ')
    .trimEnd();
  yield line(headers);
  for (const row of safeRows) yield line(row);
}
