import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvironment } from '../../src/env.js';
import { connectTarget } from '../../src/store/postgres/open.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Reading the process's environment, in any of the ways TypeScript allows. */
const readsEnvironment = (text: string) => /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*['"]env['"]\s*\]|\{\s*env\s*\}\s*=\s*process\b/.test(text);

describe('env.ts is the only reader of the environment', () => {
  it('the rule itself: each way of reading it is seen, a field called env is not', () => {
    expect(readsEnvironment('const host = process.env.PGHOST;')).toBe(true);
    expect(readsEnvironment('process.env[STATE_KEY_ENV]')).toBe(true);
    expect(readsEnvironment("process['env'].HOME")).toBe(true);
    expect(readsEnvironment('const { env } = process;')).toBe(true);
    expect(readsEnvironment('deps.env.processEnv.EDITOR; resolveEnvironment(options, env)')).toBe(false);
  });

  it('in src/, only bin.ts touches process.env, to hand it to env.ts', () => {
    expect(sourceFiles('src').filter((file) => readsEnvironment(readFileSync(file, 'utf8')))).toEqual([join('src', 'bin.ts')]);
    expect(readFileSync(join('src', 'cli', 'main.ts'), 'utf8')).toMatch(/resolveEnvironment\(/);
  });

  it('the PG* variables reach the store through the environment env.ts read, not the process\'s', () => {
    const environment = resolveEnvironment({}, { HOME: '/tmp', PGHOST: 'db.internal', PGPORT: '6543', PGDATABASE: 'reminders', PGUSER: 'admin' });
    expect(environment.postgresDefaults).toEqual({ host: 'db.internal', port: '6543', database: 'reminders', user: 'admin' });
    expect(connectTarget('postgres:///', environment.postgresDefaults)).toBe('db.internal:6543/reminders');
    expect(connectTarget('postgres:///', { host: 'db.internal', user: 'admin' })).toBe('db.internal:5432/admin');
    // What the URL says wins; with nothing given, libpq's own defaults, whatever this process holds.
    expect(connectTarget('postgres://pg.example:5433/state', environment.postgresDefaults)).toBe('pg.example:5433/state');
    const saved = process.env.PGHOST;
    process.env.PGHOST = 'from-the-process';
    try {
      expect(connectTarget('postgres:///')).toBe('localhost:5432/?');
    } finally {
      if (saved === undefined) delete process.env.PGHOST;
      else process.env.PGHOST = saved;
    }
  });
});
