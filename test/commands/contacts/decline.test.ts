import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/contacts/decline/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('contacts decline: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('declines a waiting request: Chatwork no longer lists it', async () => {
    const { requestId } = h.sandbox.control.sendRequest({ accountId: 2000028 });
    const result = await h.invoke(run, { ids: [String(requestId)] });
    expect(result.code).toBe(0);
    expect(result.stderr.replace(String(requestId), '<id>')).toMatchInlineSnapshot(`
      "Declined ごとう しゅん (<id>).
      "
    `);
    const again = await h.invoke(run, { ids: [String(requestId)] });
    expect(again.code).toBe(2);
  });

  it('refuses to run without ids (exit 2)', async () => {
    const result = await h.unchanged(() => h.invoke(run, {}));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: give the ids of the requests to decline
      "
    `);
  });
});
