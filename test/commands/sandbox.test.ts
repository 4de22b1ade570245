import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/sandbox/run.js';
import { UsageError } from '../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

describe('sandbox: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness({ loggedIn: false }); });
  afterEach(() => h.close());

  it('serves the emulated Chatwork until Ctrl-C, printing the variables that point the CLI at it', async () => {
    const signals = new EventEmitter();
    let printed = '';
    let answered: Response | undefined;
    // The run waits for Ctrl-C once it serves: at that moment its API is asked, then Ctrl-C is given.
    signals.on('newListener', (name) => {
      if (name !== 'SIGINT') return;
      setImmediate(() => void (async () => {
        answered = await fetch(`${/CHATWORK_API_URL=(\S+)/.exec(printed)![1]}/me`);
        signals.emit('SIGINT');
      })());
    });
    const result = await h.invoke(run, { port: '0', seed: 'empty' }, { signals, onStdout: (chunk) => { printed += chunk; } });
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')).toMatchInlineSnapshot(`
      "export CHATWORK_API_URL=http://127.0.0.1:<port>/v2
      export CHATWORK_OAUTH_AUTHORIZE_URL=http://127.0.0.1:<port>/packages/oauth2/login.php
      export CHATWORK_OAUTH_TOKEN_URL=http://127.0.0.1:<port>/token
      "
    `);
    expect(answered?.status).toBe(401);
    // The client secret went to a private file, never to the terminal, and the file is gone after Ctrl-C.
    const secretFile = /its secret is in (\S+) /.exec(result.stderr)![1]!;
    expect(existsSync(secretFile)).toBe(false);
    expect(result.stderr.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>').replace(secretFile, '<secret file>')).toMatchInlineSnapshot(`
      "Chatwork sandbox running at http://127.0.0.1:<port> (127.0.0.1 only). Nothing here reaches the real Chatwork.
      Messages as recipients see them: http://127.0.0.1:<port>/
      OAuth client for the rehearsal: client id sandbox-demo-client, redirect URI https://127.0.0.1:<port>/oauth2/chatwork/; its secret is in <secret file> (0600).
      Point the CLI at the sandbox with:
      Press Ctrl-C to stop.
      Sandbox stopped.
      "
    `);
  });

  it('refuses an unknown seed (exit 2) before starting anything', async () => {
    const result = await h.invoke(run, { seed: 'huge' });
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: --seed must be demo, empty or hostile, not "huge".
      "
    `);
  });
});
