import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, findings, readImports, specifiersIn, type Import } from '../../scripts/import-graph.mjs';
import { buildProgram } from '../../src/cli/program.js';
import { createTranslator, type Lang } from '../../src/i18n/translate.js';

const COMMANDS = join('src', 'commands');
/** What a command is, as data: every command.ts imports it, and the program reads it. */
const DEFINITION = join(COMMANDS, 'definition.ts');
const PROGRAM = join('src', 'cli', 'program.ts');
const CONSOLE = join('src', 'console');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports by a relative path, static or dynamic, as a path from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.{1,2}\/[^']+)'/g)]
    .map((match) => relative('.', resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'))));
}

const inside = (path: string, dir: string) => !relative(dir, path).startsWith('..');

/** The folder of the command a file is part of: the nearest one up with a command.ts; none for shared/. */
function commandOf(file: string): string | undefined {
  for (let dir = dirname(file); dir !== COMMANDS && inside(dir, COMMANDS); dir = dirname(dir)) {
    if (basename(dir) === 'shared') return undefined;
    if (existsSync(join(dir, 'command.ts'))) return dir;
  }
  return undefined;
}

/**
 * A command's files import only from their own command's folder and from the shared/ folders
 * above them (src/commands/shared, a group's shared/). A group's command.ts also imports its
 * own commands' command.ts: that is how a group registers them.
 */
function mayImport(file: string, target: string): boolean {
  if (!inside(target, COMMANDS) || target === DEFINITION) return true;
  const own = commandOf(file);
  if (own !== undefined && commandOf(target) === own) return true;
  const folders = dirname(target).split(/[\\/]/);
  const shared = folders.lastIndexOf('shared');
  if (shared >= 0 && inside(file, join(...folders.slice(0, shared)))) return true;
  return basename(file) === 'command.ts' && basename(target) === 'command.ts' && dirname(dirname(target)) === dirname(file);
}

describe('the commands folder', () => {
  it('the rule itself: a command reaching into another is refused, shared pieces and registration are not', () => {
    const cmd = (path: string) => join(COMMANDS, ...path.split('/'));
    expect(mayImport(cmd('setup/run.ts'), cmd('send-test/run.ts'))).toBe(false);
    expect(mayImport(cmd('contacts/approve/run.ts'), cmd('contacts/requests/run.ts'))).toBe(false);
    expect(mayImport(cmd('contacts/run.ts'), cmd('contacts/approve/run.ts'))).toBe(false);
    expect(mayImport(cmd('link/run.ts'), cmd('contacts/shared/request-text.ts'))).toBe(false);
    expect(mayImport(cmd('shared/parse.ts'), cmd('calendar/run.ts'))).toBe(false);
    expect(mayImport(cmd('contacts/approve/run.ts'), cmd('contacts/shared/request-text.ts'))).toBe(true);
    expect(mayImport(cmd('templates/show/run.ts'), cmd('shared/parse.ts'))).toBe(true);
    expect(mayImport(cmd('templates/show/command.ts'), cmd('definition.ts'))).toBe(true);
    expect(mayImport(cmd('auth/command.ts'), cmd('auth/login/command.ts'))).toBe(true);
    expect(mayImport(cmd('setup/run.ts'), cmd('setup/login.ts'))).toBe(true);
  });

  it('no command imports another command\'s files', () => {
    const imports = sourceFiles(COMMANDS).flatMap((file) => importsOf(file).map((target) => [file, target] as const));
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.filter(([file, target]) => !mayImport(file, target)).map(([file, target]) => `${file} → ${target}`)).toEqual([]);
  });

  // The console is the other front end: its pages call the commands' own code (a page's action is
  // the command's run), so that no rule is written twice.
  it(`outside it, only ${PROGRAM} imports a command, and only its definition; the console's pages may call them`, () => {
    const offenders = sourceFiles('src').filter((file) => !inside(file, COMMANDS) && !inside(file, CONSOLE))
      .flatMap((file) => importsOf(file).filter((target) => inside(target, COMMANDS)).map((target) => [file, target] as const))
      .filter(([, target]) => target !== DEFINITION)
      .filter(([file, target]) => file !== PROGRAM || basename(target) !== 'command.ts' || dirname(dirname(target)) !== COMMANDS);
    expect(offenders.map(([file, target]) => `${file} → ${target}`)).toEqual([]);
  });

  it('the program\'s help lists every command as its definition has it, without loading the definitions', async () => {
    for (const lang of ['ja', 'en'] as Lang[]) {
      const defined = await buildProgram(createTranslator(lang), async () => {});
      const listed = await buildProgram(createTranslator(lang), async () => {}, []);
      expect(listed.helpInformation(), lang).toBe(defined.helpInformation());
      // Listed only: no flags, no commands of a group, nothing read from a definition.
      expect(listed.commands.filter((command) => command.options.length || command.commands.length)).toEqual([]);
    }
  });
});

describe('the Chatwork client', () => {
  const TRANSPORT = join('src', 'chatwork', 'client', 'transport.ts');
  /** got, or a module inside it, imported statically, dynamically or for its side effects. */
  const importsGot = (text: string) => /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"]got(?:\/[^'"]*)?['"]/.test(text);

  it('the rule itself: every way of importing got is seen', () => {
    expect(importsGot(`import got, { RequestError } from 'got';`)).toBe(true);
    expect(importsGot(`import type { Response } from "got";`)).toBe(true);
    expect(importsGot(`const { default: got } = await import('got');`)).toBe(true);
    expect(importsGot(`import 'got/dist/source/index.js';`)).toBe(true);
    expect(importsGot(`import { gotcha } from './gotcha.js'; // what got said`)).toBe(false);
  });

  it(`only ${TRANSPORT} imports got: every byte to or from Chatwork passes there`, () => {
    expect(sourceFiles('src').filter((file) => importsGot(readFileSync(file, 'utf8')))).toEqual([TRANSPORT]);
  });
});

describe('the floors (scripts/import-graph.mjs, drawn in docs/architecture.md)', () => {
  const imports = (...pairs: string[]): Import[] => pairs.map((pair) => pair.split(' -> ') as unknown as Import);

  it('the rule itself: a domain module importing deps is found, and so is a flow', () => {
    expect(findings(imports('linking/matcher.ts -> deps/deps.ts'))).toEqual([
      'imports deps from the domain floor: linking/matcher.ts → deps/deps.ts', 'up from domain to wiring: linking/matcher.ts → deps/deps.ts']);
    expect(findings(imports('store/open.ts -> deps/deps.ts'))).toContain('up from store to wiring: store/open.ts → deps/deps.ts');
    expect(findings(imports('flows/login.ts -> deps/deps.ts', 'commands/x/run.ts -> deps/deps.ts', 'cli/main.ts -> deps/deps.ts'))).toEqual([]);
  });

  it('the rule itself: an import back up a floor is found, one down is not', () => {
    expect(findings(imports('io/time.ts -> calendar/calendar.ts'))).toEqual(['up from base to domain: io/time.ts → calendar/calendar.ts']);
    expect(findings(imports('commands/x/command.ts -> cli/definition.ts'))).toEqual(['up from commands to entry: commands/x/command.ts → cli/definition.ts']);
    expect(findings(imports('calendar/calendar.ts -> io/time.ts', 'flows/login.ts -> auth/pkce.ts'))).toEqual([]);
  });

  it('the rule itself: circles between folders and between modules are found, on one floor too', () => {
    expect(findings(imports('linking/a.ts -> delivery/b.ts', 'delivery/b.ts -> linking/c.ts'))).toEqual(['circle between folders: delivery ⇄ linking']);
    expect(findings(imports('io/a.ts -> io/b.ts', 'io/b.ts -> io/c.ts', 'io/c.ts -> io/a.ts'))).toEqual(['circle between modules: io/a.ts ⇄ io/b.ts ⇄ io/c.ts']);
    expect(circles(imports('a -> b', 'b -> c', 'c -> d', 'd -> b', 'x -> x'))).toEqual([['b', 'c', 'd'], ['x']]);
    expect(circles(imports('a -> b', 'b -> c', 'a -> c'))).toEqual([]);
  });

  it('the rule itself: a folder on no floor is a finding, so a new folder has to be placed', () => {
    expect(findings(imports('reports/a.ts -> io/io.ts'))).toEqual(['no floor: reports (reports/a.ts)']);
  });

  it('the rule itself: every kind of relative import is read, packages and words in comments are not', () => {
    expect(specifiersIn([
      `import { a } from './a.js';`, `import type { B } from "../b.js";`, `const c = await import('./c.js');`,
      `import './d.js';`, `export { e } from './e.js';`, `import got from 'got';`, `// the word from here`,
    ].join('\n'))).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js']);
  });
});

describe('the floors of src/ (docs/architecture.md)', () => {
  const real = readImports('src');

  it('no domain module imports deps, no import goes up a floor, no circle between folders or modules', () => {
    expect(real.length).toBeGreaterThan(1000);
    expect(findings(real)).toEqual([]);
  });

  it('a wrong import planted among the real ones is found: deps in the domain, a circle, a step up', () => {
    const planted = (from: string, to: string) => findings([...real, [from, to] as const]);
    expect(planted('linking/matcher.ts', 'deps/deps.ts')).toContain('imports deps from the domain floor: linking/matcher.ts → deps/deps.ts');
    expect(planted('store/store.ts', 'linking/matcher.ts')).toContain('up from store to domain: store/store.ts → linking/matcher.ts');
    expect(planted('store/store.ts', 'linking/matcher.ts').filter((line) => line.startsWith('circle between'))).not.toEqual([]);
    expect(planted('text/time.ts', 'calendar/calendar.ts')).toContain('up from base to domain: text/time.ts → calendar/calendar.ts');
  });
});

describe('links have one writer', () => {
  const WRITER = join('src', 'linking', 'write-links.ts');
  /** A call that writes links or a rejection, on whatever the store is called. */
  const writesLinks = (text: string) => /\.(?:links\.(?:set|replace|remove)|decisions\.reject)\(/.test(text);

  it('the rule itself: each write is seen, reads are not', () => {
    expect(writesLinks('await store.links.set(new Map(), meta)')).toBe(true);
    expect(writesLinks('store.links.replace(links, { prune })')).toBe(true);
    expect(writesLinks('(await deps.stores.state()).links.remove([id], meta)')).toBe(true);
    expect(writesLinks('store.decisions.reject(rejection)')).toBe(true);
    expect(writesLinks('await store.links.byUserIds([id]); store.links.all(); store.decisions.rejections()')).toBe(false);
  });

  it(`outside src/store, only ${WRITER} writes them`, () => {
    const writers = sourceFiles('src').filter((file) => !inside(file, join('src', 'store')) && writesLinks(readFileSync(file, 'utf8')));
    expect(writers).toEqual([WRITER]);
  });
});
