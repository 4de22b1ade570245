import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/history/prune/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { deliveredSurvey } from '../../helpers/command-fixtures.js';

describe('history prune: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await deliveredSurvey(h); });
  afterEach(() => h.close());

  // A sent message keeps no body: what a prune drops here is the run's record; the deliveries stay.
  it('a dry run changes nothing; the real run drops old run records and keeps every delivery', async () => {
    expect(await h.store((store) => store.stats())).toMatchObject({ deliveries: 2, runs: 1 });
    h.clock.advance(40 * 86_400_000);
    const dry = await h.unchanged(() => h.invoke(run, { before: '30d', dryRun: true, json: true }));
    expect(JSON.parse(dry.stdout)).toMatchInlineSnapshot(`
      {
        "before": "2026-12-04T10:00:00+09:00",
        "deliveries": 0,
        "dryRun": true,
      }
    `);
    const result = await h.invoke(run, { before: '30d' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Dropped the bodies and details of 0 deliveries before Fri, Dec 4, 2026, 10:00 JST. Who got what stays recorded.
      "
    `);
    expect(await h.store((store) => store.stats())).toMatchObject({ deliveries: 2, runs: 0 });
  });

  it('refuses to run without --before (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: Say up to when: history prune --before <date|400d>
      "
    `);
  });
});
