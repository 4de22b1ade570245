/** Where each top-level element of a JSON array lies: its slice and the line it starts on. */
export interface ArrayElements { starts: number[]; ends: number[]; lines: number[] }

/** JSON text, or its UTF-8 bytes: every byte of a multi-byte character is ≥ 0x80, never `"`, `,` or a bracket. */
export type JsonSource = string | Uint8Array;

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, NEWLINE = 10, OPEN_ARRAY = 91, CLOSE_ARRAY = 93;
const OPENS = new Set([OPEN_ARRAY, 123]);
const CLOSES = new Set([CLOSE_ARRAY, 125]);
const SPACE = new Set([32, 9, NEWLINE, 13]);
const utf8 = new TextDecoder();

/**
 * Finds the top-level elements of a JSON array without parsing it, in one pass that can stop
 * at the end of a chunk and go on with the next. Only the array's own structure is checked
 * (brackets, commas, strings); an element's inside is left to JSON.parse.
 */
class ArrayScanner {
  /** Where the scan goes on, in the caller's current buffer. */
  pos = 0;
  /** The start of an element not yet complete, in the caller's current buffer. */
  elementStart?: number;
  private line = 1;
  private elementLine = 1;
  private state: 'before' | 'value' | 'comma' | 'done' | 'bad' = 'before';
  /** An element was seen: `]` may then follow only one, never a comma. */
  private seenElement = false;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly found: (start: number, end: number, line: number) => void) {}

  /** Scans units pos..length-1 of the buffer `code` reads. */
  scan(code: (i: number) => number, length: number): void {
    for (; this.pos < length && this.state !== 'bad'; this.pos++) {
      const c = code(this.pos);
      if (this.elementStart !== undefined) this.inElement(c);
      else this.between(c);
      if (c === NEWLINE) this.line++;
    }
  }

  /** The caller dropped `drop` units from the front of its buffer. */
  rebase(drop: number): void {
    this.pos -= drop;
    if (this.elementStart !== undefined) this.elementStart -= drop;
  }

  /** True when the input was one well-formed array and nothing but space after it. */
  complete(): boolean {
    return this.state === 'done';
  }

  private between(c: number): void {
    if (SPACE.has(c)) return;
    if (this.state === 'before') this.state = c === OPEN_ARRAY ? 'value' : 'bad';
    else if (this.state === 'done') this.state = 'bad';
    else if (c === CLOSE_ARRAY) this.state = this.state === 'comma' || !this.seenElement ? 'done' : 'bad';
    else if (this.state === 'comma') this.state = c === COMMA ? 'value' : 'bad';
    else if (c === COMMA) this.state = 'bad';
    else {
      this.elementStart = this.pos;
      this.elementLine = this.line;
      this.inElement(c);
    }
  }

  private inElement(c: number): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) {
        this.inString = false;
        if (this.depth === 0) this.endElement(this.pos + 1);
      }
      return;
    }
    if (c === QUOTE) {
      // A string is a whole element only when it starts one.
      if (this.depth === 0 && this.pos !== this.elementStart) this.state = 'bad';
      this.inString = true;
    } else if (OPENS.has(c)) {
      if (this.depth === 0 && this.pos !== this.elementStart) this.state = 'bad';
      this.depth++;
    } else if (CLOSES.has(c) && this.depth > 0) {
      this.depth--;
      if (this.depth === 0) this.endElement(this.pos + 1);
    } else if (this.depth === 0 && (c === COMMA || c === CLOSE_ARRAY || SPACE.has(c))) {
      // A bare word or number ends here; this unit is the array's again.
      this.endElement(this.pos);
      this.between(c);
    }
  }

  private endElement(end: number): void {
    this.found(this.elementStart!, end, this.elementLine);
    this.elementStart = undefined;
    this.seenElement = true;
    this.state = 'comma';
  }
}

/**
 * The elements of a JSON array, found without parsing it, so that each can be parsed on its
 * own and let go: 50,000 records never stand in memory whole. Undefined when the text is not
 * one well-formed array: the caller then parses it whole, for JSON.parse's own error.
 */
export function jsonArrayElements(source: JsonSource): ArrayElements | undefined {
  const found: ArrayElements = { starts: [], ends: [], lines: [] };
  const scanner = new ArrayScanner((start, end, line) => { found.starts.push(start); found.ends.push(end); found.lines.push(line); });
  scanner.scan(typeof source === 'string' ? (i) => source.charCodeAt(i) : (i) => source[i]!, source.length);
  return scanner.complete() ? found : undefined;
}

/** Each element parsed on its own, in order; JSON.parse's SyntaxError when one is malformed. */
export function* parsedElements(source: JsonSource, elements: ArrayElements): Generator<unknown> {
  for (let i = 0; i < elements.starts.length; i++) yield parse(source, elements.starts[i]!, elements.ends[i]!);
}

/**
 * A JSON array arriving as UTF-8 chunks: each element is parsed and handed on as soon as its
 * last byte has come, and only the bytes of the element in progress are kept between chunks.
 * `end()` is false when the bytes were not one well-formed array (cut short, or not an array).
 */
export function jsonArrayStream(onElement: (value: unknown) => void): { push(chunk: Uint8Array): void; end(): boolean } {
  let buffer = new Uint8Array(0);
  const scanner = new ArrayScanner((start, end) => onElement(parse(buffer, start, end)));
  return {
    push(chunk) {
      const keep = scanner.elementStart ?? buffer.length;
      scanner.rebase(keep);
      const next = new Uint8Array(buffer.length - keep + chunk.length);
      next.set(buffer.subarray(keep));
      next.set(chunk, buffer.length - keep);
      buffer = next;
      scanner.scan((i) => buffer[i]!, buffer.length);
    },
    end: () => scanner.complete(),
  };
}

function parse(source: JsonSource, start: number, end: number): unknown {
  return JSON.parse(typeof source === 'string' ? source.slice(start, end) : utf8.decode(source.subarray(start, end)));
}
