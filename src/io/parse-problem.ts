import type { Message } from '../errors/index.js';

/**
 * What a JSON or CSV parser said, as a catalog message: the parsers' own words are English
 * (V8's JSON.parse, csv-parse), and the admin reads Japanese. Where the parser gives a
 * position, it is turned into a line and a column of the text.
 */
export function parseProblem(error: unknown, text?: string): Message {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('CSV_')) return csvProblem(code);
  if (/end of (JSON|data) input|Unterminated string/i.test(message)) return { key: 'parse.jsonEnds' };
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { key: 'parse.jsonAt', params: { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } };
  const position = /position (\d+)/.exec(message);
  if (position && text !== undefined) return { key: 'parse.jsonAt', params: lineAndColumn(text, Number(position[1])) };
  return { key: 'parse.jsonOther' };
}

function csvProblem(code: string): Message {
  if (code === 'CSV_QUOTE_NOT_CLOSED') return { key: 'parse.csvQuoteNotClosed' };
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') return { key: 'parse.csvAfterQuote' };
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE') return { key: 'parse.csvOpeningQuote' };
  return { key: 'parse.csvOther' };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
