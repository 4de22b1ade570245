import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, documentationFiles } from '../helpers/markdown-links.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Written on another branch (the house helper's); checked like every other file once it exists.
const AHEAD: string[] = []; // files another branch adds; none now

describe('relative links in README.md, CONTRIBUTING.md and docs/', () => {
  it('every one resolves: the file is there, and its anchor is a heading of it', () => {
    const files = documentationFiles(root);
    expect(files.map((f) => f.slice(root.length))).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/testing.md', 'docs/adr/README.md']));
    expect(brokenLinks(files, root, AHEAD)).toEqual([]);
  });
});

describe('the link checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doc-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'a.md'), [
    '# A page', '', '## Where the state lives', '', '## Where the state lives', '', '### `state migrate`: moving it', '',
    '[ok](#where-the-state-lives) [ok](#where-the-state-lives-1) [ok](#state-migrate-moving-it) [ok](../README.md#top)',
    '[missing file](b.md) [missing anchor](#nowhere) [anchor in the other file](../README.md#nowhere)',
    '`[not a link](c.md)` [web](https://example.com/x.md) [ahead](later.md)',
    '```md', '[in a fence](d.md)', '```',
  ].join('\n'));
  writeFileSync(join(dir, 'README.md'), '# Top\n\n[a](docs/a.md) [a section](docs/a.md#a-page) [folder](docs/)\n');

  it('finds a missing file, a missing anchor here and there, and nothing else', () => {
    const found = brokenLinks(documentationFiles(dir), dir, ['docs/later.md']);
    expect(found.map((b) => `${b.file}:${b.line} ${b.target} (${b.why})`)).toEqual([
      'docs/a.md:10 b.md (no such file)',
      'docs/a.md:10 #nowhere (no heading gives #nowhere)',
      'docs/a.md:10 ../README.md#nowhere (no heading gives #nowhere)',
    ]);
  });

  it('lets a file that is ahead through only while it is missing', () => {
    writeFileSync(join(dir, 'docs', 'later.md'), '# Later\n');
    writeFileSync(join(dir, 'docs', 'c.md'), '[there now](later.md#gone)\n');
    expect(brokenLinks([join(dir, 'docs', 'c.md')], dir, ['docs/later.md']).map((b) => b.why)).toEqual(['no heading gives #gone']);
  });

  it('makes anchors as GitHub does: Japanese kept, punctuation and backticks dropped', () => {
    expect([...anchorsOf('# Support: "did 田中さん get it?" / 「田中さんに届きましたか？」\n## 1. Find the person\'s deliveries: `history --user`\n')])
      .toEqual(['support-did-田中さん-get-it--田中さんに届きましたか', '1-find-the-persons-deliveries-history---user']);
  });
});
