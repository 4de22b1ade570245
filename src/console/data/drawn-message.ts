import { NOTATION_BLOCKS, NOTATION_INLINE } from '../../delivery/terminal-render.js';

/** A piece of a line: text, or a chip Chatwork draws for a tag (TO, TO ALL, RE, an icon). */
export type Inline = { text: string } | { chip: 'to' | 'toall' | 'rp' | 'icon' };

/** A message as Chatwork lays it out: lines, info boxes with a title, rules, quotes, code. */
export type Block =
  | { kind: 'line'; parts: Inline[] }
  | { kind: 'hr' }
  | { kind: 'info'; title?: Inline[]; body: Block[] }
  | { kind: 'quote'; body: Block[] }
  | { kind: 'code'; text: string };

/**
 * A body split into the blocks Chatwork draws, by the same tags as the terminal preview
 * (terminal-render.ts). Everything is data: the page writes each text as escaped text, so a
 * name holding `<script>` or notation of its own (neutralised to ［…］) stays words.
 */
export function drawnBlocks(body: string): Block[] {
  const root: Block[] = [];
  const stack: Block[][] = [root];
  const top = () => stack.at(-1)!;
  let inCode: string | undefined;
  let pending = '';
  const flush = () => {
    const text = pending.replace(/^\n/, '').replace(/\n$/, '');
    pending = '';
    if (text === '') return;
    for (const line of text.split('\n')) top().push({ kind: 'line', parts: inlineParts(line) });
  };
  for (const token of body.split(NOTATION_BLOCKS)) {
    if (inCode !== undefined) {
      if (token === '[/code]') { top().push({ kind: 'code', text: inCode.replace(/^\n/, '').replace(/\n$/, '') }); inCode = undefined; } else inCode += token;
      continue;
    }
    if (token === '[code]') { flush(); inCode = ''; continue; }
    if (token === '[info]' || token === '[qt]') {
      flush();
      const block: Block = token === '[info]' ? { kind: 'info', body: [] } : { kind: 'quote', body: [] };
      top().push(block);
      stack.push(block.body);
      continue;
    }
    if (token === '[/info]' || token === '[/qt]') { flush(); if (stack.length > 1) stack.pop(); continue; }
    if (token.startsWith('[title]')) {
      flush();
      const box = stack.length > 1 ? findOpenInfo(root, stack) : undefined;
      const title = inlineParts(token.slice('[title]'.length, -'[/title]'.length));
      if (box) box.title = title; else top().push({ kind: 'line', parts: title });
      continue;
    }
    if (token === '[hr]') { flush(); top().push({ kind: 'hr' }); continue; }
    if (token.startsWith('[qtmeta')) continue;
    pending += token;
  }
  flush();
  if (inCode !== undefined) top().push({ kind: 'line', parts: inlineParts(`[code]${inCode}`) });
  return root;
}

/** The info box whose body is the innermost open list, if that list belongs to one. */
function findOpenInfo(root: Block[], stack: Block[][]): Extract<Block, { kind: 'info' }> | undefined {
  const body = stack.at(-1)!;
  const search = (blocks: Block[]): Extract<Block, { kind: 'info' }> | undefined => {
    for (const block of blocks) {
      if (block.kind === 'info' && block.body === body) return block;
      if (block.kind === 'info' || block.kind === 'quote') { const found = search(block.body); if (found) return found; }
    }
    return undefined;
  };
  return search(root);
}

function inlineParts(line: string): Inline[] {
  return line.split(NOTATION_INLINE).filter((piece) => piece !== '').map((piece): Inline => {
    if (/^\[To:\d+\]$/.test(piece)) return { chip: 'to' };
    if (piece === '[toall]') return { chip: 'toall' };
    if (piece.startsWith('[rp ')) return { chip: 'rp' };
    if (piece.startsWith('[picon')) return { chip: 'icon' };
    return { text: piece };
  });
}
