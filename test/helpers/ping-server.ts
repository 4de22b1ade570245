import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

interface RecordedPing { method: string; path: string; rid: string | null; body: string }

/** A healthchecks-style ping endpoint on 127.0.0.1 that answers 200 and keeps every request, in order. */
export async function startPingServer() {
  const pings: RecordedPing[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      pings.push({ method: req.method ?? '', path: url.pathname, rid: url.searchParams.get('rid'), body });
      res.end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pings,
    /** A check's URL: the path holds the secret UUID, as healthchecks' does. */
    url: (check = 'c0ffee00-0000-4000-8000-00000000beef') => `http://127.0.0.1:${port}/ping/${check}`,
    clear: () => { pings.length = 0; },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port that accepts connections and never answers: the worst a ping server can do. */
export async function startDeadServer() {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createTcpServer((socket) => { accepted += 1; sockets.add(socket); socket.on('error', () => {}); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ping/dead-5ec7e7`,
    accepted: () => accepted,
    stop: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
