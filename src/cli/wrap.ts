import { displayWidth } from '../io/display-width.js';

/**
 * Help text wrapped where a Japanese or English reader allows a break. commander breaks only at
 * spaces, so a Japanese description (no spaces) ran past the terminal's edge. Here:
 * - Japanese may break between any two characters, except before closing punctuation, small
 *   kana and ー (行頭禁則), and after an opening bracket (行末禁則);
 * - a run of ASCII (`--max-input-size`, `room:<ID>`, `65,535`) is one word, never split;
 * - a number stays with its unit (`65,535文字`, `3d`, `19件`, `18人`).
 * A word longer than the width gets a line of its own, whole.
 */
const NO_BREAK_BEFORE = new Set([...'、。，．,.)）」』】〕〉》〙〛｝]!?！？：；:;・…‥ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻%％']);
const NO_BREAK_AFTER = new Set([...'（「『【〔〈《〘〚｛([']);
/** Units written right after a number; the longest is tried first. */
const UNITS = ['文字', 'バイト', '時間', '日間', 'か月', 'ヶ月', '件目', '人', '件', '日', '秒', '分', '回', '個', '行', '列', '倍', '桁', '年', '月', '週', '時', '円', '%', '％'];

/** The text cut into pieces that must stay whole: ASCII words with their unit, single Japanese characters, spaces. */
function pieces(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const space = /^ +/.exec(line.slice(i));
    if (space) { out.push(space[0]); i += space[0].length; continue; }
    const word = /^[!-~]+/.exec(line.slice(i));
    if (word) {
      let piece = word[0];
      if (/\d$/.test(piece)) piece += UNITS.find((unit) => line.startsWith(unit, i + piece.length)) ?? '';
      out.push(piece);
      i += piece.length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i)!);
    out.push(char);
    i += char.length;
  }
  return out;
}

/** Whether a line may end between these two pieces (neither is a space). */
function mayBreakBetween(before: string, after: string): boolean {
  if (NO_BREAK_BEFORE.has(after[0]!) || NO_BREAK_AFTER.has(before.at(-1)!)) return false;
  return true;
}

/** One line of text wrapped to `width` columns. */
function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let currentWidth = 0;
  const all = pieces(line);
  // Group pieces that may not be parted (a closing bracket with the character before it) into units.
  const units: string[] = [];
  for (const piece of all) {
    const last = units.at(-1);
    const lastPiece = last === undefined ? undefined : last;
    if (lastPiece !== undefined && !/^ +$/.test(piece) && !/ $/.test(lastPiece) && !mayBreakBetween(lastPiece, piece)) units[units.length - 1] = lastPiece + piece;
    else units.push(piece);
  }
  for (const unit of units) {
    const isSpace = /^ +$/.test(unit);
    const unitWidth = displayWidth(unit);
    if (currentWidth + unitWidth > width && current.length && !isSpace) {
      lines.push(current.join('').trimEnd());
      current = [];
      currentWidth = 0;
    }
    if (isSpace && !current.length && lines.length) continue; // no space at the start of a wrapped line
    current.push(unit);
    currentWidth += unitWidth;
  }
  lines.push(current.join('').trimEnd());
  return lines;
}

/** commander's `boxWrap`, with the breaks above; existing line breaks are kept. */
export function wrapForHelp(text: string, width: number): string {
  return text.split(/\r?\n/).flatMap((line) => (line ? wrapLine(line, width) : [''])).join('\n');
}
