import stringWidth from 'string-width';

/** Columns padded by display width: a kanji takes two cells, a half-width kana one. */
export function formatTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(stringWidth(header), ...rows.map((row) => stringWidth(row[column] ?? ''))));
  const line = (cells: string[]) => cells
    .map((cell, column) => column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column]! - stringWidth(cell)))
    .join('  ')
    .trimEnd();
  return [line(headers), ...rows.map(line)];
}
