import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/contacts/trust-org/run.js';
import { UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';

describe('contacts trust-org: run()', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  it('adds organisations (kept sorted), lists them, and removes one', async () => {
    expect((await h.invoke(run, { organization_id: '9200' })).stderr).toMatchInlineSnapshot(`
      "Organisation 9200 is now trusted: its people are approved and linked automatically when their name matches one user unambiguously.
      "
    `);
    expect(JSON.parse((await h.invoke(run, { organization_id: '9100', json: true })).stdout)).toEqual({ added: 9100, trusted: [9100, 9200] });
    const listed = await h.invoke(run, {});
    expect(listed).toMatchObject({ code: 0, stdout: '9100\n9200\n' });
    expect(JSON.parse((await h.invoke(run, { organization_id: '9200', remove: true, json: true })).stdout)).toEqual({ removed: 9200, trusted: [9100] });
  });

  it('refuses an id that is not a positive whole number (exit 2), changing nothing', async () => {
    const result = await h.unchanged(() => h.invoke(run, { organization_id: '12ab' }));
    expect(result.code).toBe(2);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(result.stderr).toMatchInlineSnapshot(`
      "Error: organization_id "12ab" is not a Chatwork organisation id: give a positive integer (see \`organizationId\` in: himanager-chatwork contacts requests --json)
      "
    `);
  });
});
