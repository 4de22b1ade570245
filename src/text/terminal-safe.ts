/**
 * Text that came from outside (a Chatwork display name, a user file, an HTTP answer) may
 * hold terminal controls: ESC ] 0 ; … BEL retitles the window, OSC 52 writes the
 * clipboard, CSI (ESC [ or the one-byte \x9b) moves the cursor or recolours. Every C0
 * and C1 control, DEL and the bidirectional overrides that reorder what is shown
 * (Trojan-source style) are made visible as \xNN or <U+NNNN>, never passed through.
 */
export function visible(text: string, options: { keepNewlines?: boolean } = {}): string {
  const unsafe = options.keepNewlines
    ? /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
    : /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  return text.replace(unsafe, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x0a) return '\\n';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
