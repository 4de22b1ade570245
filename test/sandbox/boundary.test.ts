import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';

// The sandbox is a Chatwork emulator beside the product, not part of it: it holds its own reading
// of Chatwork's API, the product reaches it only from the sandbox command, and it ships built.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SANDBOX = join(ROOT, 'sandbox', 'src');
const PRODUCT = join(ROOT, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
}

/** Every module specifier a file names: static imports and re-exports, and dynamic import(). */
function specifiers(file: string): { specifier: string; dynamic: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...[...text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => ({ specifier: m[1]!, dynamic: false })),
    ...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => ({ specifier: m[1]!, dynamic: false })),
    ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ({ specifier: m[1]!, dynamic: true })),
  ];
}

const inside = (dir: string, file: string) => file.startsWith(dir + sep);
const target = (from: string, specifier: string) => resolve(dirname(from), specifier).replace(/\.js$/, '.ts');

describe('the sandbox stays out of the product', () => {
  it('imports nothing but Node built-ins and its own files', () => {
    const files = tsFiles(SANDBOX);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) => specifiers(file)
      .filter(({ specifier }) => !specifier.startsWith('node:') && !(specifier.startsWith('.') && inside(SANDBOX, target(file, specifier))))
      .map(({ specifier }) => `${relative(ROOT, file)}: ${specifier}`));
    expect(offenders).toEqual([]);
  });

  it('is reached from the product only by the sandbox command: its limits parser, and the server lazily', () => {
    const reaches = tsFiles(PRODUCT).flatMap((file) => specifiers(file)
      .filter(({ specifier }) => specifier.startsWith('#sandbox/') || (specifier.startsWith('.') && !inside(PRODUCT, target(file, specifier))))
      .map(({ specifier, dynamic }) => `${relative(ROOT, file)}: ${dynamic ? 'import()' : 'import'} ${specifier}`));
    expect(reaches.sort()).toEqual([
      join('src', 'commands', 'sandbox', 'run.ts') + ': import #sandbox/limits.js',
      join('src', 'commands', 'sandbox', 'run.ts') + ': import() #sandbox/server.js',
    ]);
  });

  it('has no import cycle', () => {
    const graph = new Map(tsFiles(SANDBOX).map((file) => [file, specifiers(file)
      .filter(({ specifier }) => specifier.startsWith('.')).map(({ specifier }) => target(file, specifier)).filter((t) => existsSync(t))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(SANDBOX, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  // Start-up time is a product feature: help must not load the emulator (the built CLI, as run).
  function resolvedBy(args: string[]): { status: number | null; sandbox: string[] } {
    const log = join(mkdtempSync(join(tmpdir(), 'hmcw-')), 'modules.log');
    const hook = `
      import { registerHooks } from 'node:module';
      import { appendFileSync } from 'node:fs';
      registerHooks({ resolve(specifier, context, next) { appendFileSync(${JSON.stringify(log)}, specifier + '\\n'); return next(specifier, context); } });
    `;
    const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, BIN, ...args], { encoding: 'utf8' });
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded).toContain('commander');
    return { status: result.status, sandbox: loaded.filter((specifier) => specifier.startsWith('#sandbox/') || /[\\/]sandbox[\\/](dist|src)[\\/]/.test(specifier)) };
  }

  it.each([[['--help']], [['sandbox', '--help']]])('%s does not load the sandbox', (args) => {
    expect(resolvedBy(args)).toEqual({ status: 0, sandbox: [] });
  });

  it('the sandbox command loads its limits parser first, and the server only once the options are good', () => {
    expect(resolvedBy(['sandbox', '--port', 'none'])).toEqual({ status: 2, sandbox: ['#sandbox/limits.js'] });
  });

  it('ships built in the package, every module of it', () => {
    const npm = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(npm.status, npm.stderr).toBe(0);
    const packed = new Set((JSON.parse(npm.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    const built = tsFiles(SANDBOX).map((file) => relative(ROOT, file).split(sep).join('/').replace(/^sandbox\/src\//, 'sandbox/dist/').replace(/\.ts$/, '.js'));
    expect(built.filter((file) => !packed.has(file))).toEqual([]);
    expect([...packed].filter((file) => file.startsWith('sandbox/') && !file.startsWith('sandbox/dist/'))).toEqual([]);
    // The package's "imports" send the built CLI's #sandbox/ to those files.
    const imports = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, { default: string }> }).imports;
    expect(imports['#sandbox/*']!.default).toBe('./sandbox/dist/*');
  });
});
