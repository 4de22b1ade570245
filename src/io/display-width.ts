import { eastAsianWidth } from 'get-east-asian-width';

/** Text of one width per character: ASCII, Latin, kana, common kanji, full- and half-width forms. */
const SIMPLE = /^[\x20-\x7e\u00a1-\u00ac\u00ae-\u02ff\u3000-\u303e\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uffe6]*$/;
const WIDE = /[\u3000-\u303e\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6]/g;
/** Drawn in no column of their own: combining marks, joiners, variation selectors, controls. */
const ZERO_WIDTH = /^[\p{M}\p{Cc}\p{Cf}\u200b\u200d\ufe00-\ufe0f]$/u;

/**
 * The columns a terminal gives text: a wide or full-width character (kanji, kana) takes two.
 * For commander's help, where start-up counts: string-width, which segments text into
 * graphemes for emoji, costs a sixth of `--help` to load. Help text is ASCII and Japanese;
 * anything else is measured a code point at a time by its East Asian Width.
 */
export function displayWidth(text: string): number {
  const simple = simpleWidth(text);
  if (simple !== undefined) return simple;
  let width = 0;
  for (const char of text) {
    if (!ZERO_WIDTH.test(char)) width += eastAsianWidth(char.codePointAt(0)!);
  }
  return width;
}

/** The width of text made only of one- and two-column characters (most Japanese and ASCII), else undefined. */
export function simpleWidth(text: string): number | undefined {
  return SIMPLE.test(text) ? text.length + (text.match(WIDE)?.length ?? 0) : undefined;
}
