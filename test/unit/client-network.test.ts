import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatworkApi } from '../../src/chatwork/client/index.js';
import { AmbiguousRequestError, CliError } from '../../src/errors/index.js';
import { createFakeClock } from '../helpers/fake-clock.js';

// Dropped connections on a real loopback server: whether a POST left before the
// connection died is what decides between "retry" and "ambiguous".
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => server ? server.close(() => resolve()) : resolve()));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
}

const tokens = { accessToken: async () => 'tok', afterRejection: async () => 'tok' };

describe('Chatwork client on a real connection', () => {
  it('retries a GET whose connection was dropped', async () => {
    let calls = 0;
    const apiUrl = await serve((req, res) => {
      calls += 1;
      if (calls === 1) return req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ account_id: 7 }));
    });
    const api = createChatworkApi({ apiUrl, tokens, clock: createFakeClock() });
    expect(await api.me()).toMatchObject({ account_id: 7 });
    expect(calls).toBe(2);
  });

  it('reports a POST whose connection dropped after sending as ambiguous, and sends it only once', async () => {
    const bodies: string[] = [];
    const apiUrl = await serve((req, _res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => { bodies.push(body); req.socket.destroy(); });
    });
    const api = createChatworkApi({ apiUrl, tokens, clock: createFakeClock() });
    const error = await api.postMessage(1, 'hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousRequestError);
    expect(bodies).toEqual(['body=hello&self_unread=0']);
  });

  it('retries a POST that never reached the server (connection refused) and then says so', async () => {
    const apiUrl = await serve(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const clock = createFakeClock();
    const api = createChatworkApi({ apiUrl, tokens, clock, retry: { attempts: 3, baseMs: 100, maxMs: 1000 } });
    const error = await api.postMessage(1, 'hello').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AmbiguousRequestError);
    expect(error).toBeInstanceOf(CliError);
    // Said in words, not as a raw ECONNREFUSED.
    expect((error as CliError).key).toBe('api.refused');
    expect((error as CliError).message).toContain('the connection was refused');
    expect(clock.sleeps).toHaveLength(2);
  });
});
