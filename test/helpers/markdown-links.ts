import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface BrokenLink { file: string; line: number; target: string; why: string }

/** The Markdown files users and contributors read: README.md, CONTRIBUTING.md and docs/ (all depths). */
export function documentationFiles(root: string): string[] {
  const walk = (dir: string): string[] => readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : [];
  });
  return [join(root, 'README.md'), join(root, 'CONTRIBUTING.md'), ...walk(join(root, 'docs'))].filter((path) => existsSync(path));
}

/** Lines outside fenced code blocks, with inline code spans blanked (a `[x](y)` in code is not a link). */
function proseLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((raw, index) => {
    const opener = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (opener && (!fence || opener.startsWith(fence))) { fence = fence ? undefined : opener; return; }
    if (!fence) lines.push({ line: index + 1, text: raw.replace(/`[^`]*`/g, (code) => code.includes('](') ? '' : code) });
  });
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces made hyphens, repeats numbered. */
export function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const { text: line } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading.replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  return anchors;
}

/**
 * Every relative link of these files that does not resolve: a file or folder that is not there,
 * or an anchor that no heading of its target gives. `ahead` names files another branch adds:
 * a link to one of them is let through only while it does not exist (then it is checked).
 */
export function brokenLinks(files: string[], root: string, ahead: string[] = []): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsIn = (path: string) => {
    if (!anchorCache.has(path)) anchorCache.set(path, anchorsOf(readFileSync(path, 'utf8')));
    return anchorCache.get(path)!;
  };
  for (const file of files) {
    const shown = relative(root, file);
    for (const { line, text } of proseLines(readFileSync(file, 'utf8'))) {
      for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = match[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
        const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
        const path = pathPart === '' ? file : resolve(dirname(file), decodeURI(pathPart));
        if (!existsSync(path)) {
          if (!ahead.includes(relative(root, path))) broken.push({ file: shown, line, target, why: 'no such file' });
          continue;
        }
        if (anchor === undefined || anchor === '') continue;
        if (!path.endsWith('.md') || statSync(path).isDirectory()) { broken.push({ file: shown, line, target, why: 'an anchor into something that is not a Markdown file' }); continue; }
        if (!anchorsIn(path).has(decodeURIComponent(anchor))) broken.push({ file: shown, line, target, why: `no heading gives #${anchor}` });
      }
    }
  }
  return broken;
}
