import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

export type Encoding = 'utf8' | 'cp932';

/**
 * Spreadsheets in Japan save CSV as UTF-8 (with or without a BOM) or as Shift_JIS
 * (CP932, Excel's "CSV"). UTF-8 is strict enough to tell apart: a file that decodes
 * as UTF-8 without error is UTF-8; anything else is read as CP932.
 */
export async function readTextFile(path: string, encodingFlag?: string): Promise<{ text: string; encoding: Encoding }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError('file.unreadable', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  const encoding = encodingFlag === undefined ? detectEncoding(bytes) : parseEncodingFlag(encodingFlag);
  if (encoding === 'cp932') {
    const { default: iconv } = await import('iconv-lite');
    return { text: iconv.decode(bytes, 'cp932'), encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding };
  } catch {
    throw new UsageError('file.notUtf8', { path });
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
  const normalized = value.toLowerCase().replace(/[-_]/g, '');
  if (normalized === 'utf8') return 'utf8';
  if (['shiftjis', 'sjis', 'cp932', 'windows31j', 'ms932'].includes(normalized)) return 'cp932';
  throw new UsageError('file.badEncoding', { value });
}
