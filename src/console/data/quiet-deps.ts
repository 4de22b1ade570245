import type { Deps } from '../../deps/deps.js';

/** What a command said while the console ran it: its --json value and its lines for a person. */
export interface Said { json: unknown[]; lines: string[] }

/**
 * The deps a command's own code runs with when the console calls it: the same stores, client,
 * clock and translator, with an io that keeps what the command says (for the page's message)
 * instead of writing it to the console's terminal, and that never prompts.
 */
export function quietDeps(deps: Deps): { deps: Deps; said: Said } {
  const said: Said = { json: [], lines: [] };
  const io: Deps['io'] = {
    ...deps.io,
    canPrompt: false,
    stdoutIsTTY: false,
    out: (text) => { said.lines.push(text); },
    lines: async (lines) => { for (const line of lines) said.lines.push(line); },
    json: (value) => { said.json.push(value); },
    err: (text) => { said.lines.push(text); },
    verbose: () => undefined,
    rewrite: () => undefined,
    spinner: (_label, work) => work(),
    registerSecret: (value) => deps.io.registerSecret(value),
    event: (entry) => deps.io.event(entry),
    onInterrupt: (handler) => deps.io.onInterrupt(handler),
  };
  // What the command counts is its own run's; the console's run does not take it as its own.
  const lifecycle: Deps['lifecycle'] = { ...deps.lifecycle, report: () => undefined };
  return { deps: { ...deps, io, lifecycle }, said };
}
