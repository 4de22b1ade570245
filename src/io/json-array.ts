/** Where each top-level element of a JSON array lies: its slice and the line it starts on. */
export interface ArrayElements { starts: number[]; ends: number[]; lines: number[] }

/** JSON text, or its UTF-8 bytes: every byte of a multi-byte character is ≥ 0x80, never `"`, `,` or a bracket. */
export type JsonSource = string | Uint8Array;

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, NEWLINE = 10;
const OPENS = new Set([91, 123]); // [ {
const CLOSES = new Set([93, 125]); // ] }
const SPACE = new Set([32, 9, NEWLINE, 13]);
const utf8 = new TextDecoder();

/**
 * The elements of a JSON array, found without parsing it, so that each can be parsed on its
 * own and let go: 50,000 records or contacts never stand in memory whole. Only the array's
 * own structure is checked here (brackets, commas, strings); an element's inside is left to
 * JSON.parse. Undefined when the text is not one well-formed array: the caller then parses it
 * whole, for JSON.parse's own error and position.
 */
export function jsonArrayElements(source: JsonSource): ArrayElements | undefined {
  const code = codeAt(source);
  const found: ArrayElements = { starts: [], ends: [], lines: [] };
  let line = 1;
  let i = 0;
  const skipSpace = () => {
    for (let c = code(i); SPACE.has(c); c = code(++i)) if (c === NEWLINE) line++;
  };
  skipSpace();
  if (code(i) !== 91) return undefined;
  i++;
  let expectValue = true;
  for (;;) {
    skipSpace();
    if (i >= source.length) return undefined;
    const c = code(i);
    if (c === 93) {
      // `[]`, or after a value; never right after a comma.
      if (expectValue && found.starts.length > 0) return undefined;
      i++;
      break;
    }
    if (!expectValue) {
      if (c !== COMMA) return undefined;
      i++;
      expectValue = true;
      continue;
    }
    found.starts.push(i);
    found.lines.push(line);
    const end = valueEnd(source, code, i, (n) => { line += n; });
    if (end === undefined) return undefined;
    found.ends.push(end);
    i = end;
    expectValue = false;
  }
  skipSpace();
  return i === source.length ? found : undefined;
}

/** Each element parsed on its own, in order; JSON.parse's SyntaxError when one is malformed. */
export function* parsedElements(source: JsonSource, elements: ArrayElements): Generator<unknown> {
  for (let i = 0; i < elements.starts.length; i++) {
    const [start, end] = [elements.starts[i], elements.ends[i]];
    yield JSON.parse(typeof source === 'string' ? source.slice(start, end) : utf8.decode(source.subarray(start, end)));
  }
}

function codeAt(source: JsonSource): (i: number) => number {
  return typeof source === 'string' ? (i) => source.charCodeAt(i) : (i) => source[i] ?? NaN;
}

/** Where the value starting at `from` ends: a nested object or array, a string, or a bare word or number. */
function valueEnd(source: JsonSource, code: (i: number) => number, from: number, newlines: (n: number) => void): number | undefined {
  let depth = 0;
  let inString = false;
  let lines = 0;
  // An empty bare value (`[,1]`) is no value.
  const done = (end: number) => { newlines(lines); return end > from ? end : undefined; };
  for (let i = from; i < source.length; i++) {
    const c = code(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        inString = false;
        if (depth === 0) return done(i + 1);
      } else if (c === NEWLINE) lines++;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (OPENS.has(c)) depth++;
    else if (CLOSES.has(c)) {
      if (depth === 0) return done(i); // a bare value ends at the array's close
      depth--;
      if (depth === 0) return done(i + 1);
    } else if (depth === 0 && (c === COMMA || SPACE.has(c))) return done(i);
    else if (c === NEWLINE) lines++;
  }
  return undefined;
}
