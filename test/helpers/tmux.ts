import { execFileSync } from 'node:child_process';
import { systemTool } from './system.js';

export const tmuxTool = systemTool('tmux', 'tmux');

/** A program in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen. */
export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(command: string[], env: Record<string, string>, size = { width: 160, height: 50 }): TmuxSession {
    const name = `hmcw-${process.pid}-${Date.now()}`;
    const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    // The exit code is printed on the screen, and the pane stays so that it can be read.
    execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(size.width), '-y', String(size.height), ...envArgs,
      `${quoted}; echo "EXIT:$?"; sleep 60`]);
    return new TmuxSession(name);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-J', '-t', this.name, '-S', '-2000'], { encoding: 'utf8' });
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.screen().match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen was:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Types text literally (`--` ends the options: a secret may begin with "-"), then presses Enter unless told not to. */
  async type(text: string, enter = true): Promise<void> {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', '--', text]);
    if (enter) execFileSync('tmux', ['send-keys', '-t', this.name, 'Enter']);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      execFileSync('tmux', ['send-keys', '-t', this.name, key]);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
  }

  kill(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
