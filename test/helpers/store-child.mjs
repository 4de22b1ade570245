// A second process on the same store, for the contract's concurrency and lock tests. It runs
// the built code (dist/, made by `npm run build`, which `npm test` runs first):
//   node store-child.mjs <sqlite|postgres> <location> <operation> [args...]
// Prints one JSON line per event on stdout.
import { join } from 'node:path';

const [backend, location, operation, ...args] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

const { systemClock } = await load('io/clock.js');
const { DEFAULT_CALENDAR } = await load('calendar/calendar.js');
const store = backend === 'sqlite'
  ? await (await load('store/sqlite/open.js')).openSqliteStore(join(location, 'state.db'), { clock: systemClock, configDir: location })
  : await (await load('store/postgres/open.js')).openPostgresStore(location, { clock: systemClock, key: process.env.HIMANAGER_CHATWORK_STATE_KEY });
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

switch (operation) {
  // Appends n closures "<month>-01".."<month>-n", one read-modify-write transaction each.
  case 'closures': {
    const [month, n] = [args[0], Number(args[1])];
    for (let day = 1; day <= n; day++) {
      await store.config.update((config) => {
        config.calendar ??= structuredClone(DEFAULT_CALENDAR);
        config.calendar.closures.push(`${month}-${String(day).padStart(2, '0')}`);
      });
    }
    say({ done: n });
    break;
  }
  // Links users <prefix>1..<prefix>n to contacts base+1..base+n, one transaction each.
  case 'links': {
    const [prefix, n, base] = [args[0], Number(args[1]), Number(args[2])];
    const refused = [];
    for (let i = 1; i <= n; i++) {
      const change = await store.links.set(new Map([[`${prefix}${i}`, { accountId: base + i, source: 'manual', linkedAt: '2026-11-24T00:00:00.000Z' }]]));
      refused.push(...change.refused);
    }
    say({ done: n, refused });
    break;
  }
  // Takes the send-reminders lock and keeps it until killed.
  case 'hold-run-lock': {
    await store.locks.acquireRun();
    say({ locked: process.pid });
    setInterval(() => {}, 60_000);
    await new Promise(() => {});
    break;
  }
  default:
    throw new Error(`unknown operation ${operation}`);
}
await store.close();
