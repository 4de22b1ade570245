/**
 * The spacing rule of docs/ja-style.md: no ASCII space between a Japanese character and an
 * ASCII letter, digit, placeholder, option, quote or code span, in either direction, as
 * Chatwork's own help writes (「Chatworkのコンタクト」「25件」「{count}人」). A space stays after
 * ASCII punctuation (「送信先: ダイレクトチャット」) and after a URL, which would otherwise run into the text.
 */
const JP = '[\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff01-\\uff60\\uffe0-\\uffe6]';
const SPACED = new RegExp(`${JP} +[A-Za-z0-9{\`'"-]|[A-Za-z0-9}\`'"] +${JP}`, 'gu');

/** Each place a Japanese text breaks the rule, with a few characters around it. */
export function spacingViolations(text: string): string[] {
  const withoutUrls = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, '\u0000');
  return [...withoutUrls.matchAll(SPACED)].map((match) => withoutUrls.slice(Math.max(0, match.index - 6), match.index + match[0].length + 6));
}

/** Examples are command lines: their spaces separate arguments (`users import 社員一覧.csv`). */
export function isCommandLineKey(key: string): boolean {
  return key.startsWith('help.examples.');
}
