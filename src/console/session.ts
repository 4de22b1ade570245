import { randomBytes } from 'node:crypto';
import type { ActionResult } from './page.js';
import { sameSecret } from './security.js';

type Flash = NonNullable<ActionResult['flash']>;

export interface Session { csrf: string; flash?: Flash }

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The one-time key of the printed URL and the sessions it was exchanged for. The key works
 * once: it becomes a session (an HttpOnly cookie) and is then forgotten, so a URL left in a
 * terminal's scrollback or a shell history opens nothing.
 */
export class Sessions {
  readonly #sessions = new Map<string, Session>();
  #token: string | undefined = secret();

  /** The key for the printed URL. */
  get token(): string {
    return this.#token ?? '';
  }

  /** The cookie's name: cookies do not tell ports apart, so two consoles on one host keep theirs. */
  readonly cookieName: string;

  constructor(port: number) {
    this.cookieName = `hmcw_console_${port}`;
  }

  /** A session id for the right key (once), or undefined. */
  exchange(given: string): string | undefined {
    if (this.#token === undefined || !sameSecret(given, this.#token)) return undefined;
    this.#token = undefined;
    const id = secret();
    this.#sessions.set(id, { csrf: secret() });
    return id;
  }

  find(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    for (const [known, session] of this.#sessions) if (sameSecret(id, known)) return session;
    return undefined;
  }

  /** The flash is shown once, on the page the action redirected to. */
  takeFlash(session: Session): Flash | undefined {
    const flash = session.flash;
    session.flash = undefined;
    return flash;
  }
}
