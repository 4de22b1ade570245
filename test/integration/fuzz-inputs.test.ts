import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { seededRandom } from '../generators/random.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { DEMO_REMINDERS, DEMO_USERS, loggedInConfigDir, setUpDemo } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Every command that takes a file, fed what arrives in real life when something went
 * wrong upstream: random bytes, a file cut short, the right text in an encoding we do not
 * read. Each must exit 2 and change nothing, as the CLI's own read commands see it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
let sandbox: Sandbox;
let cli: (args: string[], stdin?: Buffer) => ReturnType<typeof runCli>;
let dir: string;
let linksCsv: Buffer;

beforeAll(async () => {
  sandbox = await startSandbox();
  const login = await loggedInConfigDir(sandbox);
  dir = mkdtempSync(join(tmpdir(), 'hmcw-fuzz-'));
  cli = (args, stdin) => runCli([...login.args, ...args], { env: login.env, stdin });
  await setUpDemo(sandbox, cli, () => ({ survey: 'dm', 'update-survey': 'dm', praise: 'dm' }));
  expect((await cli(['links', 'export', join(dir, 'links.csv')])).code).toBe(0);
  linksCsv = readFileSync(join(dir, 'links.csv'));
});
afterAll(async () => { await sandbox.stop(); });

async function state() {
  return {
    users: (await cli(['users', 'list', '--json'])).stdout,
    links: (await cli(['links', '--json'])).stdout,
    messages: sandbox.control.rooms().reduce((n, room) => n + room.messages.length, 0),
  };
}

function randomBytes(random: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

/** Cut inside a record, so that at least one field of it is lost: what a transfer cut short leaves. */
function truncations(valid: Buffer, kind: 'csv' | 'json' | 'ndjson', random: () => number, count: number): Buffer[] {
  const text = valid.toString('utf8');
  const cuts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    let at: number;
    if (kind === 'json') {
      at = 1 + Math.floor(random() * (text.lastIndexOf(']') - 1));
    } else {
      const lines = text.split(/(?<=\n)/);
      const line = 1 + Math.floor(random() * (lines.length - 1));
      const start = lines.slice(0, line).join('').length;
      const row = lines[line]!;
      const lastField = kind === 'csv' ? row.lastIndexOf(',') : row.lastIndexOf('}');
      if (lastField <= 1) { i--; continue; }
      at = start + 1 + Math.floor(random() * (lastField - 1));
    }
    cuts.push(Buffer.from(text.slice(0, at), 'utf8'));
  }
  return cuts;
}

function encodings(valid: Buffer): [string, Buffer][] {
  const text = valid.toString('utf8').replace(/^\uFEFF/, '');
  const le = Buffer.from(text, 'utf16le');
  return [
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])],
    ['UTF-16LE without BOM', le],
    ['Shift_JIS with a broken byte', Buffer.concat([iconv.encode(text.slice(0, 40), 'cp932'), Buffer.from([0x81, 0x20, 0xfd]), iconv.encode(text.slice(40), 'cp932')])],
    ['empty', Buffer.alloc(0)],
  ];
}

function corpus(valid: Buffer, kind: 'csv' | 'json' | 'ndjson', salt: number): [string, Buffer][] {
  const random = seededRandom(SEED + salt);
  return [
    ...Array.from({ length: 10 }, (_, i): [string, Buffer] => [`random bytes #${i + 1}`, randomBytes(random, 1 + Math.floor(random() * 3000))]),
    ...truncations(valid, kind, random, 8).map((b, i): [string, Buffer] => [`truncated #${i + 1} at ${b.length} bytes`, b]),
    ...encodings(valid),
  ];
}

const remindersJson = readFileSync(DEMO_REMINDERS);
const remindersNdjson = Buffer.from((JSON.parse(remindersJson.toString()) as unknown[]).map((r) => JSON.stringify(r)).join('\n') + '\n');
const remindersCsv = Buffer.from('id,type,to,title,due\n' + (JSON.parse(remindersJson.toString()) as { id: string; type: string; to: string[]; title?: string; due?: string }[])
  .filter((r) => r.type !== 'praise').map((r) => `${r.id},${r.type},${r.to.join(';')},${r.title},${r.due ?? ''}`).join('\n') + '\n');

describe(`fuzzed input files (FUZZ_SEED=${SEED}): exit 2, nothing changed`, () => {
  const cases: [string, (file: string, bytes: Buffer) => string[], () => [string, Buffer][], boolean?][] = [
    ['users import', (file) => ['users', 'import', file], () => corpus(readFileSync(DEMO_USERS), 'csv', 1)],
    ['links import', (file) => ['links', 'import', file, '--prune'], () => corpus(linksCsv, 'csv', 2)],
    ['send-reminders --input (JSON)', (file) => ['send-reminders', '--input', file], () => corpus(remindersJson, 'json', 3)],
    ['send-reminders --input (NDJSON)', (file) => ['send-reminders', '--input', file], () => corpus(remindersNdjson, 'ndjson', 4)],
    ['send-reminders --input (CSV)', (file) => ['send-reminders', '--input', file, '--dry-run'], () => corpus(remindersCsv, 'csv', 5)],
    ['send-reminders --input - (stdin)', () => ['send-reminders', '--input', '-'], () => corpus(remindersCsv, 'csv', 6), true],
  ];
  it.each(cases)('%s', async (_name, argv, inputs, viaStdin) => {
    const before = await state();
    for (const [label, bytes] of inputs()) {
      const file = join(dir, 'input.bin');
      writeFileSync(file, bytes);
      const result = await cli(argv(file, bytes), viaStdin ? bytes : undefined);
      expect(result.code, `${label}: ${result.stderr}`).toBe(ExitCode.usage);
      expect(result.stderr, label).not.toMatch(/unexpected error/i);
    }
    expect(await state()).toEqual(before);
  }, 120_000);
});
