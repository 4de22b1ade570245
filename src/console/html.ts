/** Markup that is already safe: made only by the html tag below, or by raw() from a trusted constant. */
export interface Html { readonly html: string }

const BRAND = Symbol('html');
interface Branded extends Html { readonly [BRAND]: true }

function trusted(text: string): Html {
  return { html: text, [BRAND]: true } as Branded;
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && (value as Branded)[BRAND] === true;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Text as inert HTML: markup characters become entities, and what could change how the text
 * reads or what it does is made visible instead (C0/C1 controls such as a terminal's ESC, and
 * the bidi controls that can reverse a name on screen, U+202E…). A name with Chatwork notation
 * ([To:1]) stays text: nothing on the page interprets it.
 */
function escapeText(value: string): string {
  return value
    .replace(/[&<>"'`]/g, (c) => ENTITIES[c]!)
    // These are the characters made visible.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `<span class="ctl" title="U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}">[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]</span>`);
}

/**
 * The same text for an attribute's value: a control is written as `[U+202E]` with no markup
 * around it (a <span> there would end the attribute at its own quotes and break the tag).
 */
function escapeAttribute(value: string): string {
  return value
    .replace(/[&<>"'`]/g, (c) => ENTITIES[c]!)
    // These are the characters made visible.
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * Whether markup written so far ends inside a quoted attribute value (`title="…`, and after
 * earlier values in the same attribute: `aria-label="${a}: ${b}"`). Read backwards to the last
 * quote or angle bracket, so a long page costs no more than a short one.
 */
function inAttribute(before: string): boolean {
  let i = before.length - 1;
  while (i >= 0 && before[i] !== '"' && before[i] !== '<' && before[i] !== '>') i -= 1;
  if (i < 0 || before[i] !== '"') return false;
  let j = i - 1;
  while (j >= 0 && (before[j] === ' ' || before[j] === '\n' || before[j] === '\t')) j -= 1;
  return before[j] === '=';
}

function piece(value: unknown, attribute = false): string {
  if (value === undefined || value === null || value === false) return '';
  if (isHtml(value)) return value.html;
  if (Array.isArray(value)) return value.map((v) => piece(v, attribute)).join('');
  return attribute ? escapeAttribute(String(value)) : escapeText(String(value));
}

/**
 * The only way to build markup: every interpolated value is escaped unless it is Html (an
 * array of values is each escaped or kept, then joined). undefined, null and false write nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => { out += piece(value, inAttribute(out)) + strings[i + 1]!; });
  return trusted(out);
}

