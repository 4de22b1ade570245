import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HiManagerUser } from '../../src/domain.js';
import { audience } from '../../src/invite/audience.js';
import type { OrganizationTrust } from '../../src/linking/trust.js';

/**
 * `invite --users <file>` with a plain list (one reference a line, or several on a line with
 * commas): how the file's bytes become references. Nobody is linked, so every person chosen is
 * invited and the people returned are exactly the references read.
 */
const TRUST: OrganizationTrust = { own: 100, trusted: [] };
const user = (id: string, name: string): HiManagerUser => ({ id, name, email: `${id.toLowerCase()}@example.jp` });
const settings = { users: [user('E1', '山田 太郎'), user('E2', '佐藤 花子'), user('E3', '鈴木 一郎')], links: {} };

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'hmcw-invite-list-')); });
afterAll(() => rm(dir, { recursive: true, force: true }));

async function chosenFrom(name: string, bytes: string): Promise<string[]> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return (await audience(settings, [], TRUST, file)).people.map((u) => u.id).sort();
}

describe('invite --users: a plain list file', () => {
  it('a list saved with its BOM twice (a tool that adds one to a file that had one) is the same list', async () => {
    expect(await chosenFrom('two-boms.txt', '\uFEFF\uFEFFE1\nE3\n')).toEqual(['E1', 'E3']);
  });

  it('a first line that ends with a comma is still a line of the list, not a header with an empty column', async () => {
    expect(await chosenFrom('trailing-comma.txt', 'E1,E2,\nE3\n')).toEqual(['E1', 'E2', 'E3']);
  });

  it('a reference with a zero-width no-break space inside is refused as written, never taken for another person', async () => {
    await expect(chosenFrom('inner-feff.txt', 'E1\nE\uFEFF2\n')).rejects.toMatchObject({ key: 'invite.unknownUsers', params: { users: 'E\uFEFF2' } });
  });
});
