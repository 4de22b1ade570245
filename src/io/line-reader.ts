import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Pulls lines from stdin one at a time; undefined once the input has ended. */
export interface LineReader {
  next(): Promise<string | undefined>;
  close(): void;
}

export function createLineReader(input: Readable): LineReader {
  const rl: Interface = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const buffered: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else buffered.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(undefined);
  });
  return {
    next() {
      if (buffered.length) return Promise.resolve(buffered.shift());
      if (ended) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      rl.close();
    },
  };
}
