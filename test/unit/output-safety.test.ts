import { describe, expect, it } from 'vitest';
import { renderError, UsageError, fileSystemError } from '../../src/errors/index.js';
import { catalog, type MessageKey } from '../../src/i18n/catalog.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { csvOriginalCell, csvSafeCell } from '../../src/io/csv-safe.js';
import { maskUrls } from '../../src/text/mask.js';
import { formatTable } from '../../src/io/table.js';
import { visible } from '../../src/text/terminal-safe.js';
import { HOSTILE_NAMES } from '../../sandbox/src/seed/hostile.js';

const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Every code point that a terminal may act on: C0, DEL, C1 and the bidi controls. */
const ALL_CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
];

describe('terminal controls in outside text', () => {
  it('makes every control visible, and only controls', () => {
    for (const c of ALL_CONTROLS) expect(visible(`a${c}b`)).not.toMatch(UNSAFE);
    expect(visible('\x1b]0;pwned\x07山田')).toBe('\\x1b]0;pwned\\x07山田');
    expect(visible('\u202eabc')).toBe('<U+202E>abc');
    expect(visible('山田 太郎 (E0001) ［toall］')).toBe('山田 太郎 (E0001) ［toall］');
    expect(visible('line 1\nline 2', { keepNewlines: true })).toBe('line 1\nline 2');
    expect(visible(visible('\x9b31m'))).toBe(visible('\x9b31m'));
  });

  it('is applied to every message parameter in both languages, and to every table cell', () => {
    for (const lang of ['en', 'ja'] as const) {
      const t = createTranslator(lang);
      for (const key of Object.keys(catalog) as MessageKey[]) {
        const names = [...catalog[key].en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const params = Object.fromEntries(names.map((name, i) => [name, HOSTILE_NAMES[i % HOSTILE_NAMES.length]!]));
        expect(t(key, params), key).not.toMatch(UNSAFE);
      }
    }
    const lines = formatTable(['name', 'dept'], HOSTILE_NAMES.map((name, i) => [name, HOSTILE_NAMES[(i + 3) % HOSTILE_NAMES.length]!]));
    for (const line of lines) expect(line).not.toMatch(UNSAFE);
  });
});

describe('CSV cells', () => {
  it('neutralises every cell a spreadsheet would run, and reads each back exactly', () => {
    const risky = ['=1+1', '+1', '-1', '@SUM(1)', '\t=1', '\r=1', "'=1", "''+1", '=HYPERLINK("x")'];
    for (const value of [...risky, ...HOSTILE_NAMES]) {
      const cell = csvSafeCell(value);
      expect(cell, value).not.toMatch(/^[=+\-@\t\r]/);
      expect(csvOriginalCell(cell)).toBe(value);
    }
    for (const plain of ['山田 太郎', 'E0001', "it's", "'quoted'", '2000001']) expect(csvSafeCell(plain)).toBe(plain);
    // An apostrophe before a formula character inside a cell is text, written and read back as it is.
    for (const inner of ["O'-Neil", "x'+1", "a''=b"]) {
      expect(csvSafeCell(inner)).toBe(inner);
      expect(csvOriginalCell(inner)).toBe(inner);
    }
  });
});

describe('error output', () => {
  it('hides URL credentials and query values, keeping the rest of the address', () => {
    expect(maskUrls('cannot fetch https://hr:pw@exports.example/x.json?api_key=abc&day=1: 403'))
      .toBe('cannot fetch https://***@exports.example/x.json?api_key=***&day=*** 403');
    expect(maskUrls('see http://127.0.0.1:8080/v2/rooms')).toBe('see http://127.0.0.1:8080/v2/rooms');
  });

  it('renders a file-system error with its cause and path, not as unexpected', () => {
    const t = createTranslator('en');
    const cases: [string, RegExp][] = [
      ['ENOSPC', /disk full at \/cfg\/x/], ['EDQUOT', /quota exceeded at \/cfg\/x/], ['EROFS', /read-only file system at \/cfg\/x/],
      ['EACCES', /permission denied at \/cfg\/x/], ['EPERM', /permission denied at \/cfg\/x/],
    ];
    for (const [code, expected] of cases) {
      const raw = Object.assign(new Error(`${code}: something`), { code, path: '/cfg/x' });
      const lines = renderError(raw, t, false).join('\n');
      expect(lines, code).toMatch(expected);
      expect(lines, code).not.toMatch(/unexpected/);
      expect(fileSystemError(raw, '/elsewhere')).toMatchObject({ path: '/elsewhere', exitCode: 1 });
    }
    // The same causes from a database store: node:sqlite's SQLITE_FULL / SQLITE_READONLY, PostgreSQL's disk_full.
    const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 });
    expect(renderError(fileSystemError(sqliteFull, '/cfg/state.db'), t, false).join('\n')).toContain('disk full at /cfg/state.db');
    const sqliteReadOnly = Object.assign(new Error('attempt to write a readonly database'), { code: 'ERR_SQLITE_ERROR', errcode: 8 });
    expect(renderError(fileSystemError(sqliteReadOnly, '/cfg/state.db'), t, false).join('\n')).toContain('read-only file system at /cfg/state.db');
    expect(fileSystemError(Object.assign(new Error('could not extend file'), { code: '53100' }), 'postgres://db')).toMatchObject({ code: 'ENOSPC' });
    const usage = new UsageError('input.fetchFailed', { url: 'https://u:p@h/x?k=v', reason: 'boom' });
    expect(renderError(usage, t, false).join('\n')).not.toMatch(/u:p|k=v/);
  });
});
