import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { HOSTILE_FIRST_ACCOUNT, HOSTILE_NAMES } from '../../sandbox/src/seed/hostile.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NOT_A_NAME = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const FORMULA_START = /^[=+\-@\t\r]/;

let sandbox: Sandbox;
let cli: (args: string[]) => ReturnType<typeof runCli>;
let dir: string;
/** HiManager users whose names are valid but hostile (formulas, notation), each linked to a hostile contact. */
const USERS = HOSTILE_NAMES.map((name, i) => ({ id: `H${i + 1}`, name, email: `h${i + 1}@sample.co.jp`, department: HOSTILE_NAMES[(i + 4) % HOSTILE_NAMES.length] }))
  .filter((u) => !NOT_A_NAME.test(u.name) && u.name.length <= 255 && !NOT_A_NAME.test(u.department!) && u.department!.length <= 255);

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'hostile' });
  const login = await loggedInConfigDir(sandbox);
  dir = login.configDir;
  cli = (args) => runCli([...login.args, ...args], { env: login.env });
  writeFileSync(join(dir, 'users.json'), JSON.stringify(USERS));
  const imported = await cli(['users', 'import', join(dir, 'users.json')]);
  expect(imported.code, imported.stderr).toBe(0);
  for (const [i, user] of USERS.entries()) {
    const result = await cli(['link', user.id, String(HOSTILE_FIRST_ACCOUNT + HOSTILE_NAMES.indexOf(USERS[(i + 1) % USERS.length]!.name))]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(UNSAFE);
  }
});
afterAll(async () => { await sandbox.stop(); });

describe('names chosen by an adversary (sandbox seed "hostile")', () => {
  it.each([
    ['contacts', 0], ['rooms', 0], ['links', 0], ['users list', 0], ['link --auto --dry-run', 0], ['destinations', 0],
    [`link H7 ${HOSTILE_FIRST_ACCOUNT}`, 0], ['unlink nobody', ExitCode.usage],
  ] as const)('%s: exits %i and no control character reaches the terminal', async (command, code) => {
    const result = await cli(command.split(' '));
    expect(result.code, result.stderr).toBe(code);
    expect((result.stdout + result.stderr).trim()).not.toBe('');
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
  });

  it('--json keeps every name exactly as Chatwork has it', async () => {
    const contacts = JSON.parse((await cli(['contacts', '--json'])).stdout) as { name: string }[];
    for (const name of HOSTILE_NAMES) expect(contacts.map((c) => c.name)).toContain(name);
  });

  it('links export writes no live formula, and links import reads the file back to the same links', async () => {
    const before = JSON.parse((await cli(['links', '--json'])).stdout);
    const file = join(dir, 'links.csv');
    expect((await cli(['links', 'export', file])).code).toBe(0);
    const rows = parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
    expect(rows.length).toBeGreaterThan(USERS.length);
    for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA_START);
    const imported = await cli(['links', 'import', file, '--prune', '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: [], changed: [], removed: [] });
    expect(JSON.parse((await cli(['links', '--json'])).stdout)).toEqual(before);
  });

  it('a reminder to them mentions nobody else and keeps the mention on one line', async () => {
    const file = join(dir, 'reminders.json');
    writeFileSync(file, JSON.stringify([{ id: 'hostile-1', type: 'survey', to: USERS.map((u) => u.id), title: '[toall] サーベイ' }]));
    expect((await cli(['destinations', 'set', 'survey', 'dm'])).code).toBe(0);
    const result = await cli(['send-reminders', '--input', file, '--now']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(UNSAFE);
    const bodies = sandbox.control.rooms().flatMap((r) => r.messages).map((m) => m.body);
    expect(bodies.length).toBe(USERS.length);
    for (const body of bodies) {
      expect(body).not.toContain('[toall]');
      expect(body.match(/\[To:\d+\]/g)).toHaveLength(1);
      expect(body.split('\n')[0]).toMatch(/^\[To:\d+\][^[\n]*$/);
    }
  });
});
