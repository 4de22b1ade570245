import { UsageError } from '../errors/index.js';
import { DEFAULT_MAX_INPUT_BYTES, MAX_TEXT_BYTES, readFileLimited } from '../io/input-limit.js';

export type Encoding = 'utf8' | 'cp932';

/**
 * Spreadsheets in Japan save CSV as UTF-8 (with or without a BOM) or as Shift_JIS
 * (CP932, Excel's "CSV"). UTF-8 is strict enough to tell apart: a file that decodes
 * as UTF-8 without error is UTF-8; anything else is read as CP932.
 */
export async function readTextFile(path: string, encodingFlag?: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): Promise<{ text: string; encoding: Encoding }> {
  const bytes = await readFileLimited(path, Math.min(maxBytes, MAX_TEXT_BYTES));
  return decodeText(bytes, path, encodingFlag === undefined ? undefined : parseEncodingFlag(encodingFlag));
}

/**
 * The one decoder of every input (files, stdin, URLs): the encoding given (a flag, or a
 * charset in Content-Type) or detected, and bytes that are invalid in it are an error,
 * never text with replacement characters in it.
 */
export async function decodeText(bytes: Uint8Array, name: string, given?: Encoding): Promise<{ text: string; encoding: Encoding }> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UsageError('file.utf16', { path: name });
  }
  const encoding = given ?? detectEncoding(bytes);
  if (encoding === 'cp932') {
    const { default: iconv } = await import('iconv-lite');
    const text = iconv.decode(Buffer.from(bytes), 'cp932');
    // iconv-lite puts U+FFFD where a byte sequence is not CP932; CP932 itself cannot encode U+FFFD.
    // The unassigned lead byte 0x80 it passes through as U+0080, which no CP932 character decodes to.
    const bad = text.search(/[\uFFFD\u0080]/);
    if (bad >= 0) throw new UsageError('file.badBytes', { path: name, encoding: 'Shift_JIS (CP932)', line: lineAt(text, bad) });
    return { text, encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding };
  } catch {
    throw new UsageError('file.notUtf8', { path: name });
  }
}

export function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf8';
  } catch {
    return 'cp932';
  }
}

function parseEncodingFlag(value: string): Encoding {
  const encoding = encodingNamed(value);
  if (!encoding) throw new UsageError('file.badEncoding', { value });
  return encoding;
}

/** The names a flag or a Content-Type charset may use; undefined for any other. */
export function encodingNamed(value: string): Encoding | undefined {
  const normalized = value.toLowerCase().replace(/[-_]/g, '');
  if (normalized === 'utf8') return 'utf8';
  if (['shiftjis', 'sjis', 'cp932', 'windows31j', 'ms932', 'xsjis', 'mskanji'].includes(normalized)) return 'cp932';
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
