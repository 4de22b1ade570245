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

/**
 * Files whose kana is data, not interface text: what Chatwork recipients read (the message
 * templates and the honorific), what admins' files and input may contain (column names, a
 * typed keyword, name forms to fold), and Chatwork's own labels shown as its screen shows them.
 * The sandbox (a stand-in for Chatwork, with its people) is left out as a whole.
 */
const KANA_AS_DATA: Record<string, string> = {
  [join('src', 'cli', 'wrap.ts')]: 'the characters Japanese line breaking (禁則) keeps off a line\'s start or end, and the units after a number',
  [join('src', 'delivery', 'templates.ts')]: 'the Chatwork messages recipients read, in Japanese',
  [join('src', 'delivery', 'round-templates.ts')]: 'the follow-up messages recipients read, in Japanese',
  [join('src', 'delivery', 'plan.ts')]: 'the honorific after a mention in a Japanese message',
  [join('src', 'delivery', 'escalation.ts')]: 'the honorific after a mention in a Japanese message',
  [join('src', 'delivery', 'escalation-template.ts')]: 'the message managers read, in Japanese',
  [join('src', 'delivery', 'digest.ts')]: 'the honorific after a mention in a Japanese message',
  [join('src', 'delivery', 'digest-template.ts')]: 'the digest message recipients read, in Japanese',
  [join('src', 'flows', 'sample-messages.ts')]: 'the honorific after a mention in a Japanese message',
  [join('src', 'himanager-users', 'user-columns.ts')]: 'column names and status words HR exports use',
  [join('src', 'io', 'csv-headers.ts')]: 'the header rows of the CSV files this tool writes and reads back',
  [join('src', 'invite', 'audience.ts')]: 'column names an invitation list may use',
  [join('src', 'linking', 'normalize.ts')]: 'separators and honorifics folded out of names',
  [join('src', 'linking', 'reading.ts')]: 'separators inside names',
  [join('src', 'flows', 'login.ts')]: 'a keyword the admin may type (戻る)',
  [join('src', 'chatwork', 'scopes.ts')]: "Chatwork's own scope labels, as its OAuth client screen shows them",
  [join('src', 'commands', 'setup', 'login.ts')]: "the bullet before Chatwork's scope labels, as its screen shows them",
  [join('src', 'commands', 'templates', 'preview', 'run.ts')]: 'the honorific after a mention in a previewed Japanese message',
  [join('src', 'destinations', 'parse.ts')]: 'the words an admin may type for a destination (ダイレクトチャット, オフ)',
};

/** Comments go: they may explain a name in Japanese. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, '')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
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
      for (const match of text.matchAll(/\b(?:t|CliError|UsageError|AuthError|LockedError|CancelError)\(\s*'([a-z][\w.-]*)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/key: '([a-z][\w.-]*)'/g)) used.add(match[1]!);
    }
    const missing = [...used].filter((key) => !(key in catalog));
    expect(missing).toEqual([]);
  });

  it('is the only place with user-facing text: no console.* in src', () => {
    const offenders = sourceFiles('src').filter((file) => /console\.(log|error|warn)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('is the only place with Japanese interface text: no kana in the code outside it, but for data', () => {
    const kana = /[\u3040-\u30ff\uff66-\uff9f]/;
    const offenders = sourceFiles('src')
      .filter((file) => !/^src[\\/]i18n[\\/]catalog[\w-]*\.ts$/.test(file) && !(file in KANA_AS_DATA))
      .flatMap((file) => withoutComments(readFileSync(file, 'utf8')).split('\n').map((line, i) => [file, i + 1, line] as const))
      .filter(([, , line]) => kana.test(line))
      .map(([file, line, text]) => `${file}:${line}: ${text.trim()}`);
    expect(offenders).toEqual([]);
    // Each exception still holds kana: a stale entry is removed, not kept as a hole.
    for (const file of Object.keys(KANA_AS_DATA)) expect(kana.test(withoutComments(readFileSync(file, 'utf8'))), file).toBe(true);
  });
});
