import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { runCli } from '../helpers/run-cli.js';
import { strayEnglish } from '../unit/ja-english.js';

// A parser's own words are English; what the admin reads of a broken file is Japanese, with where.
// A port that was just free: nothing listens there, so the connection is refused.
const closedPort = await new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

describe('a file that cannot be parsed, or fetched, in Japanese', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hmcw-parse-'));
  const file = (name: string, text: string) => { const path = join(dir, name); writeFileSync(path, text); return path; };
  const cases: [string[], RegExp][] = [
    [['users', 'import', file('users.json', '[{"id":"E1","name":"山田","email":"a@b.jp"},\n {"id": }]')], /JSONの形式に誤りがあります/],
    [['users', 'import', file('cut.json', '[{"id":"E1","name":"山')], /JSONの途中で終わっています/],
    [['users', 'import', file('users.csv', 'id,name,email\nE1,"山田,a@b.jp\n')], /引用符（"）で始まるセルが閉じられていません/],
    [['users', 'import', file('object.json', '{"id":"E1"}')], /オブジェクトの配列/],
    [["send-reminders", "--input", file("reminders.json", "[{\"id\":\"r1\",\"type\":\"survey\",}]")], /1行目の\d+文字目に、JSONとして読めない文字があります/],
    [['send-reminders', '--input', `http://127.0.0.1:${closedPort}/reminders.json`], /サーバーが接続を拒否しました/],
  ];
  it.each(cases)('%s', async (args, expected) => {
    const result = await runCli(['--lang', 'ja', '--config-dir', dir, '--secret-store', 'file', ...args]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(expected);
    expect(strayEnglish(result.stderr)).toEqual([]);
  });
});
