// The sandbox, started in this process from its build, and everything the harness asks of it over
// HTTP (/_sandbox/…): faults, clock offset, limits, rooms, and the event stream it counts POSTs on.

const root = new URL('../../', import.meta.url);

export async function startChaosSandbox(randomSeed) {
  const { startSandbox } = await import(new URL('sandbox/dist/server.js', root).href);
  const sandbox = await startSandbox({ seed: 'demo', randomSeed });
  const control = (action, body = {}) => fetch(`${sandbox.url}/_sandbox/${action}`, { method: 'POST', body: JSON.stringify(body) })
    .then(async (r) => { if (!r.ok) throw new Error(`/_sandbox/${action}: ${r.status} ${await r.text()}`); return r.json(); });
  const posts = await watchPosts(sandbox.url);
  return {
    url: sandbox.url,
    env: sandbox.env,
    authorizeUrl: sandbox.authorizeUrl,
    posts,
    setFaults: (faults) => control('faults', faults),
    clearFaults: () => control('faults', { serverErrorRate: 0, dropBeforeRate: 0, dropAfterRate: 0, latencyMs: 0, postsOnly: true, failAfterCount: 0 }),
    setClockOffset: (offsetMs) => control('clock', { offsetMs }),
    setLimits: (limits) => control('limits', limits),
    registerClient: (redirectUri) => control('clients', { name: 'HiManager', redirectUris: [redirectUri] }),
    rooms: () => fetch(`${sandbox.url}/_sandbox/rooms`).then((r) => r.json()),
    async stop() { posts.close(); await sandbox.stop(); },
  };
}

/**
 * Counts the delivery POSTs (messages and tasks) the sandbox announces on its event stream, and
 * resolves `after(k)` once k more have landed: faults fire on events, not on sleeps.
 */
async function watchPosts(url) {
  const abort = new AbortController();
  const response = await fetch(`${url}/_sandbox/events`, { signal: abort.signal });
  const reader = response.body.getReader();
  let count = 0;
  let lastAt = Date.now();
  let waiters = [];
  const decoder = new TextDecoder();
  void (async () => {
    let text = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ done: true }));
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const blocks = text.split('\n\n');
      text = blocks.pop();
      count += blocks.filter((b) => b.startsWith('data: ')).length;
      lastAt = Date.now();
      waiters = waiters.filter((w) => (count >= w.at ? (w.resolve(), false) : true));
    }
  })();
  return {
    get count() { return count; },
    /** Resolves when `k` more POSTs than now have landed (or never; race it with the runs ending). */
    after(k) {
      const at = count + k;
      return new Promise((resolve) => { if (count >= at) resolve(); else waiters.push({ at, resolve }); });
    },
    /**
     * Resolves once no POST has landed for `ms`: the watchdog for a phase whose runs all wait on a
     * stopped one (a SQLite write lock, the token lock), so that the next fault (a SIGCONT) still comes.
     */
    quiet(ms) {
      return new Promise((resolve) => {
        const from = Date.now();
        const check = () => { const left = Math.max(lastAt, from) + ms - Date.now(); if (left <= 0) resolve(); else setTimeout(check, left); };
        check();
      });
    },
    close() { abort.abort(); },
  };
}
