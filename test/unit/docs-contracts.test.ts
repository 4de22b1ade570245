import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchRows, renderTable, type BenchResults } from '../../scripts/bench-table.mjs';
import { EXIT_CODE_TABLE, ExitCode } from '../../src/errors/index.js';
import { anchorsOf } from '../helpers/markdown-links.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** The rows of the first Markdown table under a heading, each as its cells. */
function tableUnder(text: string, heading: string): string[][] {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const lines = text.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
  }
  return rows;
}

describe('the README, for the people who use it', () => {
  const readme = read('README.md');

  it('stays under 400 lines: details go to docs/', () => {
    expect(readme.split('\n').length).toBeLessThan(400);
  });

  it('repeats the exit-code table of src/errors/cli-error.ts: every code once, and no other', () => {
    const codes = tableUnder(readme, '### Exit codes').map((row) => Number(row[0]));
    expect(codes).toEqual([...new Set(Object.values(ExitCode))].sort((a, b) => a - b));
    for (const { code } of EXIT_CODE_TABLE) expect(codes).toContain(code);
  });

  it('opens with a table of contents that lists every section', () => {
    const contents = readme.slice(readme.indexOf('## Contents'), readme.indexOf('\n## ', readme.indexOf('## Contents') + 1));
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((title) => title !== 'Contents' && title !== 'License');
    expect(sections.length).toBeGreaterThan(5);
    for (const title of sections) expect(contents, title).toContain(`(#${anchorsOf(`## ${title}`).values().next().value})`);
  });

  it('leaves test and mutation internals to docs/', () => {
    for (const word of ['Stryker', 'mutant', 'bench/results.json', 'vitest.mutation']) expect(readme).not.toContain(word);
  });

  it('names the test command that CI runs', () => {
    expect(readme).toMatch(/```sh\nnpm test\n/);
    expect(read('.ci/run')).toMatch(/^npm test\b/m);
  });

  it('puts the cron line after the input format it reads', () => {
    expect(readme.indexOf('### The reminders input')).toBeGreaterThan(0);
    expect(readme.indexOf('```cron')).toBeGreaterThan(readme.indexOf('### The reminders input'));
  });
});

describe('docs/dependencies.md', () => {
  it('says why each package of package.json is there', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const page = read('docs/dependencies.md');
    const named = new Set(page.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| package'))
      .flatMap((line) => line.split('|')[1]!.split(',').map((name) => name.trim())));
    const missing = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((name) => !named.has(name));
    expect(missing).toEqual([]);
  });
});

describe('docs/performance.md', () => {
  it('holds the table scripts/bench-table.mjs writes from bench/results.json', () => {
    const json = (name: string) => JSON.parse(read(`bench/${name}`)) as BenchResults;
    const page = read('docs/performance.md');
    const table = renderTable(benchRows(json('results.json'), json('results-cold.json')));
    expect(page).toContain(`-->\n${table}\n<!-- bench-table: end -->`);
  });

  it('takes the cold-start rows of a cold-only run only when it is newer than the full run', () => {
    const row = (group: string, figure: string) => ({ group, figure, value: 1, unit: 'ms', target: '' });
    const full = { date: '2026-12-02T06:00:00Z', rows: [row('cold start', 'old'), row('delivery', 'd')] };
    const cold = { date: '2026-12-02T07:00:00Z', rows: [row('cold start', 'new')] };
    expect(benchRows(full, cold).map((r) => r.figure)).toEqual(['new', 'd']);
    expect(benchRows(full, { ...cold, date: '2026-12-01T00:00:00Z' }).map((r) => r.figure)).toEqual(['old', 'd']);
  });
});
