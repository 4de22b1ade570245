// The imports of src/ as a graph of floors: read by scripts/draw-imports.mjs (the drawing in
// docs/architecture.md) and by test/unit/structure.test.ts (which fails when a floor rule breaks).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The floors, top first: a module may import its own floor and the floors below it, never one
 * above. A unit is a folder right under src/ or a file there (without .ts). docs/architecture.md
 * says what each floor is for.
 */
export const FLOORS = [
  // console/: the settings page, a second front end beside the CLI: its pages call the commands' code.
  { name: 'entry', units: ['bin', 'cli', 'console'] },
  { name: 'commands', units: ['commands'] },
  { name: 'flows', units: ['flows'] },
  { name: 'wiring', units: ['deps', 'env'] },
  { name: 'domain', units: ['alerts', 'auth', 'calendar', 'chatwork', 'delivery', 'destinations', 'himanager-users', 'invite', 'leave', 'linking', 'runs', 'audit'] },
  { name: 'store', units: ['store'] },
  { name: 'base', units: ['text', 'errors', 'i18n', 'io', 'logging', 'domain', 'version', 'node-check', 'validation'] },
];

/** The floors whose modules may import `deps`: they run a use case with the whole Deps. */
export const MAY_IMPORT_DEPS = ['entry', 'commands', 'flows', 'wiring'];

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The relative imports in a module's text (static, dynamic, type-only, side effects). */
export function specifiersIn(text) {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1]);
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every import of every .ts file under `root` (src/), as [from, to] paths relative to it with `/`. */
export function readImports(root) {
  const slash = (path) => path.split(sep).join('/');
  return sourceFiles(root).flatMap((file) => specifiersIn(readFileSync(file, 'utf8'))
    .map((specifier) => [slash(relative(root, file)), slash(relative(root, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))))]));
}

/** The unit a module belongs to: the folder under src/ it is in, or its own name when it sits in src/. */
export function unitOf(path) {
  const parts = path.split('/');
  return parts.length === 1 ? parts[0].replace(/\.ts$/, '') : parts[0];
}

export function floorOf(unit) {
  const index = FLOORS.findIndex((floor) => floor.units.includes(unit));
  return index < 0 ? undefined : FLOORS[index].name;
}

/** Higher is further up; undefined for a unit no floor names (itself a finding). */
function height(unit) {
  const index = FLOORS.findIndex((floor) => floor.units.includes(unit));
  return index < 0 ? undefined : FLOORS.length - index;
}

/** The strongly connected parts of a graph with more than one node, or one that imports itself: its circles. */
export function circles(edges) {
  const next = new Map();
  for (const [from, to] of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from).add(to);
  }
  // Tarjan's algorithm, iteratively: the graphs are small, but recursion depth should not depend on them.
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work = [[start, [...next.get(start)], 0]];
    index.set(start, counter); low.set(start, counter); counter++; stack.push(start); onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, targets] = frame;
      if (frame[2] < targets.length) {
        const target = targets[frame[2]++];
        if (!index.has(target)) {
          index.set(target, counter); low.set(target, counter); counter++; stack.push(target); onStack.add(target);
          work.push([target, [...next.get(target)], 0]);
        } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
        continue;
      }
      work.pop();
      if (work.length) { const parent = work[work.length - 1][0]; low.set(parent, Math.min(low.get(parent), low.get(node))); }
      if (low.get(node) !== index.get(node)) continue;
      const part = [];
      let member;
      do { member = stack.pop(); onStack.delete(member); part.push(member); } while (member !== node);
      if (part.length > 1 || next.get(node).has(node)) found.push(part.sort());
    }
  }
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** What breaks the floors in a list of imports: each finding one line naming the import. */
export function findings(imports) {
  const units = imports.map(([from, to]) => [unitOf(from), unitOf(to)]);
  const out = [];
  for (const [from, to] of imports) {
    const [a, b] = [unitOf(from), unitOf(to)];
    for (const unit of [a, b]) if (height(unit) === undefined) out.push(`no floor: ${unit} (${unit === a ? from : to})`);
    if (b === 'deps' && !MAY_IMPORT_DEPS.includes(floorOf(a) ?? '')) out.push(`imports deps from the ${floorOf(a)} floor: ${from} → ${to}`);
    if (height(a) !== undefined && height(b) !== undefined && height(b) > height(a)) out.push(`up from ${floorOf(a)} to ${floorOf(b)}: ${from} → ${to}`);
  }
  for (const circle of circles(units.filter(([a, b]) => a !== b))) out.push(`circle between folders: ${circle.join(' ⇄ ')}`);
  for (const circle of circles(imports)) out.push(`circle between modules: ${circle.join(' ⇄ ')}`);
  return [...new Set(out)];
}

/** The folders' graph: each arrow once, with how many imports it stands for, and the arrows that go up a floor. */
export function unitGraph(imports) {
  const arrows = new Map();
  for (const [from, to] of imports) {
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a === b) continue;
    arrows.set(`${a}\t${b}`, (arrows.get(`${a}\t${b}`) ?? 0) + 1);
  }
  const list = [...arrows].map(([key, count]) => { const [from, to] = key.split('\t'); return { from, to, count }; })
    .sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  const up = list.filter(({ from, to }) => (height(to) ?? 0) > (height(from) ?? 0));
  return { arrows: list, up, circles: circles(list.map(({ from, to }) => [from, to])) };
}
