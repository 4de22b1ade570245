import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/state/info/run.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { deliveredSurvey } from '../../helpers/command-fixtures.js';

describe('state info: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await deliveredSurvey(h); });
  afterEach(() => h.close());

  it('says where the state lives, its schema and how much it holds', async () => {
    const result = await h.invoke(run, {});
    expect(result.code).toBe(0);
    // The file's size depends on SQLite's pages: not part of the snapshot.
    expect(result.stdout.replace(/\d+\.\d MB/, '<size> MB')).toMatchInlineSnapshot(`
      "Backend:   SQLite (<dir>/state.db)
      Schema:    version 10
      Contents:  30 users, 30 links, 2 deliveries (0 deferred, 0 in flight), 1 runs
      Size:      <size> MB
      "
    `);
    const json = JSON.parse((await h.invoke(run, { json: true })).stdout);
    expect({ ...json, sizeBytes: typeof json.sizeBytes }).toMatchInlineSnapshot(`
      {
        "backend": "sqlite",
        "deferred": 0,
        "deliveries": 2,
        "inFlight": 0,
        "links": 30,
        "location": "<dir>/state.db",
        "runs": 1,
        "schemaVersion": 10,
        "sizeBytes": "number",
        "users": 30,
      }
    `);
  });

  it('reads a store that was moved, and says where to (the one command besides doctor that does)', async () => {
    await h.store((store) => store.moved.set({ location: '/srv/state.db', at: h.clock.now(), host: 'host-b', runId: 'run-1' }));
    const json = JSON.parse((await h.invoke(run, { json: true })).stdout);
    expect(json.movedTo).toEqual({ location: '/srv/state.db', at: '2026-11-24T10:00:00+09:00', host: 'host-b', runId: 'run-1' });
  });
});
