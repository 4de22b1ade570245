/**
 * Chatwork has no documented escape for its notation, so user text is made inert by
 * replacing the square brackets with their full-width forms: ［toall］ reads the same
 * to a person and is plain text to Chatwork under any reading of its parser (a
 * zero-width space after "[" would be invisible, but could be stripped on the way in).
 */
export function neutralize(text: string): string {
  return text.replace(/\[/g, '［').replace(/\]/g, '］');
}

/** A mention: "[To:123]山田 太郎さん", the way Chatwork itself writes one. */
export function mention(accountId: number, name: string, honorific: string): string {
  return `[To:${accountId}]${neutralize(name)}${honorific}`;
}

export const MAX_BODY = 65_535;
