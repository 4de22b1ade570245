import stringWidth from 'string-width';
import type { Style } from '../io/io.js';

/** The block tags Chatwork draws, as split points (kept): the console's HTML preview splits by the same. */
export const NOTATION_BLOCKS = /(\[info\]|\[\/info\]|\[title\][\s\S]*?\[\/title\]|\[hr\]|\[qt\]|\[\/qt\]|\[qtmeta[^\]]*\]|\[code\]|\[\/code\])/;

/** The inline tags: a mention chip ([To:id], [toall], [rp …]) or a profile icon. */
export const NOTATION_INLINE = /(\[To:\d+\]|\[toall\]|\[rp aid=\d+ to=\d+-\d+\]|\[picon:\d+\]|\[piconname:\d+\])/;

/**
 * A message body drawn in the terminal roughly as Chatwork draws it: [To:id] as a "TO"
 * chip before the name, [toall] as "TO ALL", [info] as a box whose [title] is its bold
 * first line, [hr] as a rule, [qt] as a quote bar, [code] as-is. Notation Chatwork would not
 * recognise, and the full-width ［…］ of neutralised user text, stay text.
 */
export function drawMessage(body: string, style: Style, width = 72): string[] {
  const out: string[] = [];
  let box: string[] | undefined;
  let quote = false;
  const inline = (text: string) => text
    .replace(/\[To:(\d+)\]/g, () => `${style.cyan('TO')} `)
    .replace(/\[toall\]/g, () => `${style.cyan('TO ALL')} `)
    .replace(/\[rp aid=\d+ to=\d+-\d+\]/g, () => `${style.cyan('RE')} `)
    .replace(/\[picon:\d+\]|\[piconname:\d+\]/g, '●');
  const emit = (line: string) => {
    if (box) box.push(line);
    else out.push(quote ? `${style.dim('┃')} ${line}` : line);
  };
  // Tags become line breaks of their own, so each line is one kind of thing.
  const tokens = body.split(NOTATION_BLOCKS);
  let pending = '';
  // Boxes, rules and quotes are blocks: a line break right before or after one is not drawn.
  const flush = () => {
    const text = pending.replace(/^\n/, '').replace(/\n$/, '');
    pending = '';
    if (text === '') return;
    for (const line of text.split('\n')) emit(inline(line).trimEnd());
  };
  for (const token of tokens) {
    if (token === '[info]') { flush(); box = []; continue; }
    if (token === '[/info]') {
      flush();
      if (box) out.push(...frame(box, style, width, quote));
      box = undefined;
      continue;
    }
    if (token.startsWith('[title]')) { flush(); emit(`${style.bold(`ⓘ ${inline(token.slice(7, -8))}`)}`); emit('\u0000hr'); continue; }
    if (token === '[hr]') { flush(); emit('\u0000hr'); continue; }
    if (token === '[qt]') { flush(); quote = true; continue; }
    if (token === '[/qt]') { flush(); quote = false; continue; }
    if (token.startsWith('[qtmeta')) continue;
    if (token === '[code]' || token === '[/code]') { flush(); continue; }
    pending += token;
  }
  flush();
  if (box) out.push(...frame(box, style, width, quote));
  // A leading or trailing newline next to a box is not drawn by Chatwork either.
  while (out.length && out[0] === '') out.shift();
  while (out.length && out.at(-1) === '') out.pop();
  return out.map((line) => (line === '\u0000hr' ? style.dim('─'.repeat(Math.min(width, 40))) : line));
}

function frame(lines: string[], style: Style, width: number, quote: boolean): string[] {
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines.at(-1) === '') lines.pop();
  const inner = Math.min(width - 4, Math.max(10, ...lines.filter((l) => l !== '\u0000hr').map((l) => stringWidth(l))));
  const bar = (left: string, right: string) => style.dim(`${left}${'─'.repeat(inner + 2)}${right}`);
  const body = lines.map((line) => (line === '\u0000hr' ? bar('├', '┤')
    : `${style.dim('│')} ${line}${' '.repeat(Math.max(0, inner - stringWidth(line)))} ${style.dim('│')}`));
  const framed = [bar('┌', '┐'), ...body, bar('└', '┘')];
  return quote ? framed.map((line) => `${style.dim('┃')} ${line}`) : framed;
}
