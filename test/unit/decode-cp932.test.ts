import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { decodeText } from '../../src/himanager-users/read-text.js';

/** Line 1 is valid Shift_JIS; `bytes` start line 2, and a third line follows unless `atEnd`. */
const file = (bytes: number[], atEnd = false) => Uint8Array.from([...iconv.encode('社員番号,氏名\r\n', 'cp932'), ...bytes, ...(atEnd ? [] : [0x0d, 0x0a, 0x41])]);

async function refusal(bytes: Uint8Array, given?: 'cp932') {
  const error = await decodeText(bytes, 'users.csv', given).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  return { key: (error as UsageError).key, params: (error as UsageError).params };
}

describe('Shift_JIS (CP932): a byte that is not a character is refused naming the file and its line, never read as text', () => {
  it.each([
    ['0x80 (unassigned)', [0x80]],
    ['0xA0 (unassigned)', [0xa0]],
    ['0xFD', [0xfd]], ['0xFE', [0xfe]], ['0xFF', [0xff]],
    ['a lead byte before a line break', [0x82, 0x0d, 0x0a]],
    ['a lead byte with an invalid trail byte (0x7F)', [0x81, 0x7f]],
    ['a lead byte with a trail byte below 0x40', [0x81, 0x39]],
  ])('%s on line 2', async (_name, bytes) => {
    expect(await refusal(file([0x31, 0x2c, ...bytes]), 'cp932')).toEqual({
      key: 'file.badBytes', params: { path: 'users.csv', encoding: 'Shift_JIS (CP932)', line: 2 },
    });
  });

  it('a lead byte as the last byte of the file, detected (not UTF-8) and refused', async () => {
    expect(await refusal(file([0x31, 0x2c, 0x93, 0x63, 0x92], true))).toMatchObject({ key: 'file.badBytes', params: { path: 'users.csv', line: 2 } });
  });

  it('the same file with valid characters there decodes exactly', async () => {
    const text = '社員番号,氏名\r\n1,髙橋①～\r\nA';
    expect(await decodeText(iconv.encode(text, 'cp932'), 'users.csv')).toEqual({ text, encoding: 'cp932' });
  });
});
