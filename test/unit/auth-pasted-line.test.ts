import { describe, expect, it } from 'vitest';
import { checkPastedLine } from '../../src/auth/redirect.js';

const REDIRECT = 'https://127.0.0.1:8443/cb';
const URL_PASTED = 'https://127.0.0.1:8443/cb?code=c&state=s';

describe('login: a pasted redirect line with blanks around it', () => {
  it('takes the URL with full-width spaces typed around it (a Japanese input method on)', () => {
    expect(checkPastedLine(`\u3000${URL_PASTED}\u3000`, REDIRECT, 's')).toEqual({ kind: 'code', code: 'c' });
  });

  it('takes the URL with a no-break space after it (as some pages copy), not as part of the state', () => {
    expect(checkPastedLine(`${URL_PASTED}\u00a0`, REDIRECT, 's')).toEqual({ kind: 'code', code: 'c' });
  });

  it('takes the URL after a byte order mark (text copied from a file)', () => {
    expect(checkPastedLine(`\ufeff${URL_PASTED}`, REDIRECT, 's')).toEqual({ kind: 'code', code: 'c' });
  });
});
