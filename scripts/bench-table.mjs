// node scripts/bench-table.mjs: writes the figures of bench/results.json into docs/performance.md,
// between its `bench-table` markers. The cold-start rows come from bench/results-cold.json when
// that run (BENCH_ONLY=cold) is newer than the full one. `--check` writes nothing and exits 1 when
// the page's table is not what the results give.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = join(root, 'docs', 'performance.md');
const BEGIN = '<!-- bench-table: begin (written by scripts/bench-table.mjs from bench/results.json) -->';
const END = '<!-- bench-table: end -->';

// The same number format as the bench's own report (scripts/bench.mjs).
const fmt = (n) => (typeof n !== 'number' ? String(n) : Number.isInteger(n) || Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
const withUnit = (n, unit) => `${fmt(n)}${unit ? ` ${unit}` : ''}`;
const cell = (text) => String(text ?? '').replaceAll('|', '\\|');

/** The rows of a full run, with the cold-start rows of a newer cold-only run in their place. */
export function benchRows(full, cold) {
  if (!cold || !(Date.parse(cold.date) > Date.parse(full.date))) return full.rows;
  const coldRows = cold.rows.filter((r) => r.group === 'cold start');
  const at = full.rows.findIndex((r) => r.group === 'cold start');
  const rest = full.rows.filter((r) => r.group !== 'cold start');
  return at < 0 ? [...coldRows, ...rest] : [...rest.slice(0, at), ...coldRows, ...rest.slice(at)];
}

export function renderTable(rows) {
  const lines = ['| group | figure | value | baseline | ratio | target | note |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const baseline = r.baseline === undefined ? '' : withUnit(r.baseline, r.unit);
    const ratio = r.baseline ? `${(r.value / r.baseline).toFixed(2)}×` : '';
    lines.push(`| ${[r.group, r.figure, withUnit(r.value, r.unit), baseline, ratio, r.target, r.note].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The page with the table between its markers replaced. */
export function withTable(text, table) {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${page}: the bench-table markers are missing`);
  return `${text.slice(0, begin + BEGIN.length)}\n${table}\n${text.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const read = (name) => JSON.parse(readFileSync(join(root, 'bench', name), 'utf8'));
  const cold = existsSync(join(root, 'bench', 'results-cold.json')) ? read('results-cold.json') : undefined;
  const text = readFileSync(page, 'utf8');
  const next = withTable(text, renderTable(benchRows(read('results.json'), cold)));
  if (process.argv.includes('--check')) {
    if (next !== text) { process.stderr.write(`${page}: the table is not what bench/results.json gives; run node scripts/bench-table.mjs\n`); process.exit(1); }
  } else if (next !== text) {
    writeFileSync(page, next);
    process.stderr.write(`${page}: table written\n`);
  }
}
