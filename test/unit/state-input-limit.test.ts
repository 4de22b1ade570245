import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { DEFAULT_MAX_INPUT_BYTES, maxInputBytes, readFileLimited, readLimited, tooLarge } from '../../src/io/input-limit.js';

const ENV = 'HIMANAGER_CHATWORK_MAX_INPUT_SIZE';

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const part of parts) yield part;
}

describe('the size of one input: --max-input-size, then the environment, then 256 MB', () => {
  it('reads bytes, and KB, MB, GB, KiB, MiB, GiB in any case, with spaces around', () => {
    expect(maxInputBytes('300000', {})).toBe(300_000);
    expect(maxInputBytes('1', {})).toBe(1);
    expect(maxInputBytes('5b', {})).toBe(5);
    expect(maxInputBytes('2KB', {})).toBe(2_000);
    expect(maxInputBytes(' 512 mb ', {})).toBe(512_000_000);
    expect(maxInputBytes('1.5GB', {})).toBe(1_500_000_000);
    expect(maxInputBytes('3KiB', {})).toBe(3 * 1024);
    expect(maxInputBytes('64MiB', {})).toBe(64 * 1024 ** 2);
    expect(maxInputBytes('2gib', {})).toBe(2 * 1024 ** 3);
    // A fraction of a byte is dropped.
    expect(maxInputBytes('1.0009KB', {})).toBe(1_000);
  });

  it('takes the flag over the environment, the environment over the default, and an empty variable as unset', () => {
    expect(maxInputBytes('10KB', { [ENV]: '20KB' })).toBe(10_000);
    expect(maxInputBytes(undefined, { [ENV]: '20KB' })).toBe(20_000);
    expect(maxInputBytes(undefined, { [ENV]: '' })).toBe(DEFAULT_MAX_INPUT_BYTES);
    expect(maxInputBytes(undefined, {})).toBe(256_000_000);
  });

  it('refuses anything that is not a size of at least one byte, naming where it came from', () => {
    for (const value of ['0', '0.5', '0KB', '', 'MB', 'abc', '-1', '12XB', '1e3', '1.', '.5MB', '5 M B', '1,000']) {
      let error: unknown;
      try { maxInputBytes(value, {}); } catch (e) { error = e; }
      expect(error, value).toBeInstanceOf(UsageError);
      expect((error as UsageError).key).toBe('inputs.badSize');
      expect((error as UsageError).params).toEqual({ source: '--max-input-size', value });
    }
    let fromEnv: unknown;
    try { maxInputBytes(undefined, { [ENV]: 'lots' }); } catch (e) { fromEnv = e; }
    expect(fromEnv).toMatchObject({ key: 'inputs.badSize', params: { source: ENV, value: 'lots' } });
  });

  it('states a limit as people read it, in the largest unit that holds it whole to two decimals', () => {
    const stated = (bytes: number) => tooLarge('in.csv', bytes).params.limit;
    expect(stated(256_000_000)).toBe('256 MB');
    expect(stated(1_000_000_000)).toBe('1 GB');
    expect(stated(1_010_000_000)).toBe('1.01 GB');
    expect(stated(1_005_000_000)).toBe('1005 MB');
    expect(stated(999_990_000)).toBe('999.99 MB');
    expect(stated(1_000_000)).toBe('1 MB');
    // Whole in a larger unit's hundredths, but below it: the smaller unit.
    expect(stated(10_000_000)).toBe('10 MB');
    expect(stated(10_000)).toBe('10 KB');
    expect(stated(1_005_000)).toBe('1005 KB');
    expect(stated(1_000)).toBe('1 KB');
    expect(stated(1_010)).toBe('1.01 KB');
    expect(stated(1_001)).toBe('1001 B');
    expect(stated(999)).toBe('999 B');
    expect(stated(990)).toBe('990 B');
    expect(tooLarge('in.csv', 10)).toMatchObject({ key: 'inputs.tooLarge', params: { name: 'in.csv', limit: '10 B' } });
  });
});

describe('reading within the limit', () => {
  it('takes a stream of exactly the limit, in chunks of text and bytes, and refuses one byte more, letting the source go', async () => {
    expect((await readLimited(chunks('abc', Buffer.from('def'), new Uint8Array([0x67])), 'stdin', 7)).toString()).toBe('abcdefg');
    // A view into a larger buffer: only its own bytes count and are kept.
    const view = new Uint8Array(Buffer.from('xxhixx').buffer, Buffer.from('xxhixx').byteOffset + 2, 2);
    expect((await readLimited(chunks(view), 'stdin', 2)).toString()).toBe('hi');
    await expect(readLimited(chunks('abc', 'defg', 'h'), '<stdin>', 7))
      .rejects.toMatchObject({ key: 'inputs.tooLarge', params: { name: '<stdin>', limit: '7 B' } });
    let stopped = 0;
    const reached: string[] = [];
    async function* watched() {
      for (const part of ['abc', 'defgh', 'never read']) { reached.push(part); yield part; }
    }
    await expect(readLimited(watched(), '<stdin>', 7, () => { stopped += 1; })).rejects.toBeInstanceOf(UsageError);
    expect(stopped).toBe(1);
    expect(reached).toEqual(['abc', 'defgh']);
    // Multi-byte text counts in bytes, not characters.
    await expect(readLimited(chunks('あい'), 'x', 5)).rejects.toMatchObject({ key: 'inputs.tooLarge' });
    expect((await readLimited(chunks('あい'), 'x', 6)).toString()).toBe('あい');
  });

  const dir = () => mkdtempSync(join(tmpdir(), 'hmcw-limit-'));

  it('reads a file of exactly the limit, and refuses one byte more by its size, under the name given', async () => {
    const path = join(dir(), 'in.csv');
    writeFileSync(path, '0123456789');
    expect((await readFileLimited(path, 10)).toString()).toBe('0123456789');
    await expect(readFileLimited(path, 9)).rejects.toMatchObject({ key: 'inputs.tooLarge', params: { name: path, limit: '9 B' } });
    await expect(readFileLimited(path, 9, 'the input')).rejects.toMatchObject({ params: { name: 'the input' } });
  });

  it('refuses a device or a pipe with no size while reading it, once past the limit', async () => {
    await expect(readFileLimited('/dev/zero', 1_000)).rejects.toMatchObject({ key: 'inputs.tooLarge', params: { name: '/dev/zero', limit: '1 KB' } });
  });

  it('names a missing file, or a directory, as what it is', async () => {
    const where = dir();
    await expect(readFileLimited(join(where, 'none.csv'), 10)).rejects.toMatchObject({ key: 'file.missing', params: { path: join(where, 'none.csv') } });
    mkdirSync(join(where, 'sub'));
    await expect(readFileLimited(join(where, 'sub'), 10)).rejects.toMatchObject({ key: 'file.isDirectory', params: { path: join(where, 'sub') } });
  });
});
