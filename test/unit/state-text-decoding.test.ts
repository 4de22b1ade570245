import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { decodeText, detectEncoding, encodingNamed, readTextFile } from '../../src/himanager-users/read-text.js';

/** Line 1 is a header in Shift_JIS; `bytes` are the second cell of line 2; line 3 follows. */
const sjis = (bytes: number[]) => Uint8Array.from([...iconv.encode('社員番号,氏名\r\n1,', 'cp932'), ...bytes, 0x0d, 0x0a, 0x41]);

async function refusal(bytes: Uint8Array, given?: 'utf8' | 'cp932'): Promise<{ key: string; params: unknown }> {
  const error = await decodeText(bytes, 'users.csv', given).then(() => undefined, (e: unknown) => e);
  expect(error, 'refused').toBeInstanceOf(UsageError);
  return { key: (error as UsageError).key, params: (error as UsageError).params };
}
const badOnLine = (line: number) => ({ key: 'file.badBytes', params: { path: 'users.csv', encoding: 'Shift_JIS (CP932)', line } });

describe('Shift_JIS (CP932): each edge of the lead-byte ranges', () => {
  // Single bytes: 0x00-0x7F and the half-width katakana 0xA1-0xDF; lead bytes 0x81-0x9F and 0xE0-0xFC.
  it.each([
    ['0x7F, the last single byte below the lead bytes', [0x7f], '\u007f'],
    ['0x81, the first lead byte', [0x81, 0x40], '\u3000'],
    ['0x9F, the last lead byte of the first range', [0x9f, 0x40], '檗'],
    ['0xA1, the first half-width katakana', [0xa1], '｡'],
    ['0xDF, the last half-width katakana', [0xdf], 'ﾟ'],
    ['0xE0, the first lead byte of the second range', [0xe0, 0x40], '漾'],
    ['0xFC, the last lead byte', [0xfc, 0x4b], '黑'],
  ])('accepts %s', async (_name, bytes, expected) => {
    expect(await decodeText(sjis(bytes), 'users.csv', 'cp932')).toEqual({ text: `社員番号,氏名\r\n1,${expected}\r\nA`, encoding: 'cp932' });
  });

  it.each([
    ['0x80, between the single bytes and the first lead byte', [0x80]],
    ['0xA0, between the two ranges', [0xa0]],
    ['0xFD, after the last lead byte', [0xfd]],
    ['0xFE', [0xfe]],
    ['0xFF', [0xff]],
  ])('refuses %s as a first byte, naming the file and the line', async (_name, bytes) => {
    expect(await refusal(sjis(bytes), 'cp932')).toEqual(badOnLine(2));
  });

  it.each([
    ['0x40, the first', [0x81, 0x40], '\u3000'], ['0x7E, the last below 0x7F', [0x81, 0x7e], '×'],
    ['0x80, the first above 0x7F', [0x81, 0x80], '÷'], ['0xFC, the last', [0x81, 0xfc], '◯'],
  ])('accepts the trail byte %s', async (_name, bytes, expected) => {
    expect((await decodeText(sjis(bytes), 'users.csv', 'cp932')).text).toContain(`1,${expected}\r\n`);
  });

  it.each([['0x3F', [0x81, 0x3f]], ['0x7F', [0x81, 0x7f]], ['0xFD', [0x81, 0xfd]], ['a line break', [0x81, 0x0a]]])(
    'refuses the trail byte %s', async (_name, bytes) => {
      expect(await refusal(sjis(bytes), 'cp932')).toEqual(badOnLine(2));
    });

  it('names the line the bad byte is on: the first, or one after several line breaks', async () => {
    expect(await refusal(Uint8Array.from([0x80, 0x0a, 0x41]), 'cp932')).toEqual(badOnLine(1));
    expect(await refusal(Uint8Array.from([0x0a, 0x80]), 'cp932')).toEqual(badOnLine(2));
    expect(await refusal(Uint8Array.from([0x41, 0x0a, 0x42, 0x0a, 0x0a, 0x43, 0xa0]), 'cp932')).toEqual(badOnLine(4));
  });

  it('reads a file that is not UTF-8 as Shift_JIS unless told, and refuses it as UTF-8 when told so', async () => {
    const bytes = iconv.encode('氏名\r\n髙橋', 'cp932');
    expect(await decodeText(bytes, 'users.csv')).toEqual({ text: '氏名\r\n髙橋', encoding: 'cp932' });
    expect(await refusal(bytes, 'utf8')).toEqual({ key: 'file.notUtf8', params: { path: 'users.csv' } });
  });
});

describe('UTF-8, its byte-order mark, and UTF-16', () => {
  const BOM = [0xef, 0xbb, 0xbf];

  it('takes UTF-8 with or without a BOM, and leaves the BOM out of the text', async () => {
    expect(await decodeText(Uint8Array.from([...BOM, ...Buffer.from('氏名')]), 'u.csv')).toEqual({ text: '氏名', encoding: 'utf8' });
    expect(await decodeText(Buffer.from('氏名'), 'u.csv')).toEqual({ text: '氏名', encoding: 'utf8' });
    expect(await decodeText(new Uint8Array(), 'u.csv')).toEqual({ text: '', encoding: 'utf8' });
  });

  it('takes a BOM to mean UTF-8: bytes after it that are not UTF-8 are refused, never read as Shift_JIS', async () => {
    const bytes = Uint8Array.from([...BOM, 0x82, 0xa0]);
    expect(detectEncoding(bytes)).toBe('utf8');
    expect(await refusal(bytes)).toEqual({ key: 'file.notUtf8', params: { path: 'users.csv' } });
    // Only the whole BOM says so: two of its three bytes do not.
    for (const bytes of [[0xef, 0xbb, 0x41], [0x82, 0xbb, 0xbf], [0xef, 0x82, 0xbf, 0xff]]) expect(detectEncoding(Uint8Array.from(bytes)), String(bytes)).toBe('cp932');
  });

  it('refuses UTF-16 in either byte order, and nothing that merely starts with one of its bytes', async () => {
    for (const start of [[0xff, 0xfe], [0xfe, 0xff]]) {
      expect(await refusal(Uint8Array.from([...start, 0x41, 0x00]))).toEqual({ key: 'file.utf16', params: { path: 'users.csv' } });
    }
    // 0xFF or 0xFE followed by anything else is not a UTF-16 mark: it is judged as Shift_JIS, and refused there.
    for (const start of [[0xff, 0xff], [0xfe, 0xfe], [0xff, 0x41], [0xfe, 0x41]]) {
      expect((await refusal(Uint8Array.from(start))).key).toBe('file.badBytes');
    }
  });
});

describe('encoding names and files', () => {
  it('knows every name a flag or a charset may give, in any case and with - or _, and no other', () => {
    for (const name of ['utf8', 'UTF-8', 'utf_8']) expect(encodingNamed(name)).toBe('utf8');
    for (const name of ['Shift_JIS', 'shift-jis', 'SJIS', 'cp932', 'Windows-31J', 'MS932', 'x-sjis', 'MS_Kanji']) expect(encodingNamed(name)).toBe('cp932');
    for (const name of ['utf16', 'euc-jp', 'latin1', '', 'utf-88', 'shiftjis2']) expect(encodingNamed(name)).toBeUndefined();
  });

  const file = (content: Uint8Array | string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'hmcw-text-')), 'users.csv');
    writeFileSync(path, content);
    return path;
  };

  it('reads a file in the encoding its flag names, and refuses a flag it does not know, naming it', async () => {
    const path = file(iconv.encode('氏名', 'cp932'));
    expect(await readTextFile(path, 'sjis')).toEqual({ text: '氏名', encoding: 'cp932' });
    expect(await readTextFile(path)).toEqual({ text: '氏名', encoding: 'cp932' });
    await expect(readTextFile(path, 'utf-8')).rejects.toMatchObject({ key: 'file.notUtf8', params: { path } });
    await expect(readTextFile(path, 'euc-jp')).rejects.toMatchObject({ key: 'file.badEncoding', params: { value: 'euc-jp' } });
  });

  it('reads a file of exactly the given limit, and refuses one byte more before decoding it', async () => {
    expect(await readTextFile(file('1234567890'), undefined, 10)).toEqual({ text: '1234567890', encoding: 'utf8' });
    const over = file('12345678901');
    await expect(readTextFile(over, undefined, 10)).rejects.toMatchObject({ key: 'inputs.tooLarge', params: { name: over, limit: '10 B' } });
  });
});
