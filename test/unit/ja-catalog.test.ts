import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/i18n/catalog.js';
import { adminCatalog } from '../../src/i18n/catalog-admin.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { CancelError, renderError } from '../../src/errors/index.js';
import { strayEnglish } from './ja-english.js';

/** Texts that are not Japanese prose: a CSV header row read by programs. */
const NOT_PROSE = new Set(['invite.csvHeader']);
// catalog-admin.ts is written to docs/ja-style.md by its own author.
const entries = Object.entries(catalog).filter(([key]) => !(key in adminCatalog) && !NOT_PROSE.has(key));

describe('the Japanese catalog follows docs/ja-style.md', () => {
  it('has no stray English words: only commands, options, ids, placeholders and names', () => {
    const stray = entries.flatMap(([key, entry]) => strayEnglish(entry.ja).map((word) => `${key}: ${word}`));
    expect(stray).toEqual([]);
  });

  it('says ダイレクトチャット, never DM, in Japanese text', () => {
    expect(entries.filter(([, entry]) => /\bDM\b/.test(entry.ja)).map(([key]) => key)).toEqual([]);
  });

  it('puts no space before a particle', () => {
    const spaced = /[A-Za-z0-9}）)」] (を|に|は|が|で|へ|から|まで|より)(?=[\u3040-\u30ff\u4e00-\u9fff ])/;
    expect(entries.filter(([, entry]) => spaced.test(entry.ja)).map(([key, entry]) => `${key}: ${entry.ja}`)).toEqual([]);
  });

  it('writes remedies as sentences, not "実行: …"', () => {
    expect(entries.filter(([, entry]) => /(^|[、。])実行: /.test(entry.ja)).map(([key]) => key)).toEqual([]);
  });

  it('a cancel is not an error: no エラー: before キャンセルしました。', () => {
    expect(renderError(new CancelError('error.cancelled'), createTranslator('ja'), false)).toEqual(['キャンセルしました。']);
  });
});
