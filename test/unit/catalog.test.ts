import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/i18n/catalog.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+(?::time)?)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('message catalog', () => {
  it('has both languages for every entry, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(catalog)) {
      expect(entry.ja, key).toBeTruthy();
      expect(entry.en, key).toBeTruthy();
      expect(placeholders(entry.ja), key).toEqual(placeholders(entry.en));
    }
  });

  it('has an entry for every key the code uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:t|CliError|UsageError|AuthError|LockedError|CancelError|PartialDeliveryError)\(\s*'([a-z][\w.-]*)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/key: '([a-z][\w.-]*)'/g)) used.add(match[1]!);
    }
    const missing = [...used].filter((key) => !(key in catalog));
    expect(missing).toEqual([]);
  });

  it('is the only place with user-facing text: no console.* in src', () => {
    const offenders = sourceFiles('src').filter((file) => /console\.(log|error|warn)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
