import { readFile } from 'node:fs/promises';

/** The console's two assets, shipped in the package (assets/console) and read once. */
const FILES: Record<string, { file: string; type: string }> = {
  '/assets/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
  '/assets/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  // The 送信先…運用 pages' own (docs/console-pages.md): the template preview and the member check.
  '/assets/pages.css': { file: 'pages.css', type: 'text/css; charset=utf-8' },
  '/assets/pages.js': { file: 'pages.js', type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** From dist/console or src/console alike, the package root is two folders up. */
const FOLDER = new URL('../../assets/console/', import.meta.url);

export async function asset(path: string): Promise<{ body: Buffer; type: string } | undefined> {
  const entry = FILES[path];
  if (!entry) return undefined;
  let body = cache.get(path);
  if (!body) {
    body = await readFile(new URL(entry.file, FOLDER));
    cache.set(path, body);
  }
  return { body, type: entry.type };
}
