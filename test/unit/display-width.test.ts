import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/i18n/catalog.js';
import { displayWidth } from '../../src/io/display-width.js';

describe('display width, as the help lays it out', () => {
  it('agrees with string-width on every help text of the catalog, in both languages', () => {
    const texts = Object.entries(catalog).filter(([key]) => key.startsWith('help.')).flatMap(([, text]) => [text.ja, text.en]);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => displayWidth(text) !== stringWidth(text))).toEqual([]);
  });

  it('agrees on names and text outside the simple ranges: half-width kana, accents, rare kanji, combining marks', () => {
    for (const text of ['ﾔﾏﾀﾞ ﾀﾛｳ', 'Zoë Müller', '髙橋 𠮷田', 'e\u0301', '①②', '—…', 'ｶﾞ', 'Ａ１', '한국어', 'a\u200bb']) {
      expect(displayWidth(text), text).toBe(stringWidth(text));
    }
  });
});
