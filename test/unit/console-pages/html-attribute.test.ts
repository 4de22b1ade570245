import { describe, expect, it } from 'vitest';
import { html } from '../../../src/console/html.js';

describe('html: a value inside an attribute', () => {
  it('is escaped without markup, so a bidi control or an escape in a name cannot end the attribute', () => {
    const name = 'a\u202eb"c<d>\u001b';
    expect(html`<button aria-label="x: ${name}" data-n="${name}">${name}</button>`.html).toBe(
      '<button aria-label="x: a[U+202E]b&quot;c&lt;d&gt;[U+001B]" data-n="a[U+202E]b&quot;c&lt;d&gt;[U+001B]">'
      + 'a<span class="ctl" title="U+202E">[U+202E]</span>b&quot;c&lt;d&gt;<span class="ctl" title="U+001B">[U+001B]</span></button>');
  });

  it('knows an attribute from text that merely follows one, and from text holding an equals sign', () => {
    expect(html`<p title="${'t'}">${'\u202e'}</p>`.html).toBe('<p title="t"><span class="ctl" title="U+202E">[U+202E]</span></p>');
    expect(html`<p>a = ${'\u202e'}</p>`.html).toContain('<span class="ctl"');
  });
});
