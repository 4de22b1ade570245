import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { openSettings } from '../../src/store/settings.js';

describe('settings store', () => {
  it('writes settings.json 0600 in a 0700 dir and reads back what was written', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hmcw-')), 'config');
    const settings = await openSettings(dir);
    settings.update((s) => {
      s.clientId = 'client-1';
      s.destinations.praise = 'room:42';
      s.users.push({ id: 'u1', name: '山田 太郎', email: 'taro@example.jp' });
    });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
    const again = (await openSettings(dir)).read();
    expect(again).toMatchObject({ clientId: 'client-1', destinations: { praise: 'room:42' }, messageLang: 'ja' });
    expect(again.users[0]!.name).toBe('山田 太郎');
  });

  it('refuses a value outside the schema and leaves the file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-'));
    const settings = await openSettings(dir);
    settings.update((s) => { s.destinations.survey = 'dm'; });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(() => settings.update((s) => { s.destinations.survey = 'room:abc'; })).toThrow();
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('names the file when it was edited into something invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmcw-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, destinations: { praise: 'everyone' } }));
    const error = await openSettings(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain(join(dir, 'settings.json'));
  });

  it('has no place for a secret', async () => {
    const source = readFileSync('src/store/settings.ts', 'utf8');
    const schemaText = source.slice(source.indexOf('const schema'), source.indexOf('as const;'));
    expect(schemaText).not.toMatch(/secret|token|password/i);
  });
});
