import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/contacts/approve/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { demoDirectory } from '../../helpers/command-fixtures.js';

describe('contacts approve: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); await demoDirectory(h); });
  afterEach(() => h.close());

  it('approves a request by id and links the new contact to the user it matches, in one step', async () => {
    const { requestId } = h.sandbox.control.sendRequest({ accountId: 2000027 });
    const result = await h.invoke(run, { ids: [String(requestId)], json: true });
    expect(result.code).toBe(0);
    expect({ ...JSON.parse(result.stdout) }).toMatchInlineSnapshot(`
      {
        "dryRun": false,
        "left": [],
        "linkedEarlier": [],
        "outcomes": [
          {
            "accountId": 2000027,
            "linked": true,
            "name": "Kana Okada",
            "requestId": 7000001,
            "result": "approved",
            "userId": "E0027",
          },
        ],
      }
    `);
    expect((await h.store((store) => store.links.all())).get('E0027')?.accountId).toBe(2000027);
  });

  it('refuses an id that is not a waiting request (exit 2): nothing approved, nothing linked', async () => {
    const result = await h.unchanged(() => h.invoke(run, { ids: ['424242'] }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: no waiting contact request 424242
      See the waiting requests with: himanager-chatwork contacts requests. A request approved earlier is linked by: himanager-chatwork contacts approve --auto
      "
    `);
  });
});
