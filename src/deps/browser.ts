import type { Browser } from './parts.js';

/** The system's browser, through `open`; a test may put its own in place (DepsOverrides). */
export const systemBrowser: Browser = {
  async open(url) {
    try {
      const { default: open } = await import('open');
      const child = await open(url, { wait: false });
      // Where xdg-open is missing the child emits 'error': never let that crash the login.
      return await new Promise<boolean>((resolve) => {
        child.once('error', () => resolve(false));
        child.once('spawn', () => resolve(true));
        setTimeout(() => resolve(true), 500).unref();
      });
    } catch {
      return false;
    }
  },
};
