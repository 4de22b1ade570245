// Draws src/'s imports floor by floor as a mermaid graph (docs/architecture.md), and counts what
// the floors forbid: arrows back up, circles between folders and between modules.
//   node scripts/draw-imports.mjs            the drawing, then the counts
//   node scripts/draw-imports.mjs --counts   the counts only
//   node scripts/draw-imports.mjs --floors   the floors alone, each arrow with the imports it stands for
import { FLOORS, circles, findings, floorOf, readImports, unitGraph, unitOf } from './import-graph.mjs';

const imports = readImports('src');
const graph = unitGraph(imports);
const moduleCircles = circles(imports);
const id = (unit) => unit.replace(/[^a-z0-9]/gi, '_');

if (process.argv.includes('--floors')) {
  const between = new Map();
  for (const [from, to] of imports) {
    const [a, b] = [floorOf(unitOf(from)) ?? unitOf(from), floorOf(unitOf(to)) ?? unitOf(to)];
    if (a !== b) between.set(`${a}\t${b}`, (between.get(`${a}\t${b}`) ?? 0) + 1);
  }
  const order = FLOORS.map((floor) => floor.name);
  const lines = ['```mermaid', 'flowchart TB', ...[...between].sort(([x], [y]) => {
    const [xa, xb] = x.split('\t'); const [ya, yb] = y.split('\t');
    return order.indexOf(xa) - order.indexOf(ya) || order.indexOf(xb) - order.indexOf(yb);
  }).map(([key, count]) => { const [a, b] = key.split('\t'); return `  ${a} -->|${count}| ${b}`; }), '```'];
  process.stdout.write(`${lines.join('\n')}\n\n`);
} else if (!process.argv.includes('--counts')) {
  const lines = ['```mermaid', 'flowchart TB'];
  const present = new Set(graph.arrows.flatMap(({ from, to }) => [from, to]));
  for (const floor of FLOORS) {
    const units = floor.units.filter((unit) => present.has(unit));
    if (!units.length) continue;
    lines.push(`  subgraph ${floor.name}`, ...units.map((unit) => `    ${id(unit)}["${unit}"]`), '  end');
  }
  const up = new Set(graph.up.map(({ from, to }) => `${from}\t${to}`));
  for (const { from, to } of graph.arrows) lines.push(`  ${id(from)} ${up.has(`${from}\t${to}`) ? '-. up .->' : '-->'} ${id(to)}`);
  lines.push('```');
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
process.stdout.write([
  `${imports.length} imports, ${graph.arrows.length} arrows between folders`,
  `arrows back up: ${graph.up.length}${graph.up.length ? ` (${graph.up.map(({ from, to, count }) => `${from} → ${to} ×${count}`).join(', ')})` : ''}`,
  `circles between folders: ${graph.circles.length}${graph.circles.length ? ` (${graph.circles.map((c) => c.join(' ⇄ ')).join('; ')})` : ''}`,
  `circles between modules: ${moduleCircles.length}${moduleCircles.length ? ` (${moduleCircles.map((c) => c.join(' ⇄ ')).join('; ')})` : ''}`,
  `findings of the structure test: ${findings(imports).length}`,
].join('\n') + '\n');
