import { readFile } from 'node:fs/promises';
import type { Deps } from '../../../deps.js';
import { UsageError } from '../../../errors.js';
import { normalize, save } from '../shared/save.js';
import { templateInForce } from '../shared/template.js';

export interface TemplatesSetOptions { type: string; file?: string; lang?: string; json?: boolean }

/** The template from a file, or from stdin with `--file -`. */
export async function run(options: TemplatesSetOptions, deps: Deps): Promise<void> {
  const { type, lang, text } = await templateInForce(deps, options);
  const input = await readTemplate(deps, options.file!);
  await save(deps, type, lang, input, text, options.json);
}

async function readTemplate(deps: Deps, file: string): Promise<string> {
  let bytes: Buffer;
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of deps.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer);
    bytes = Buffer.concat(chunks);
  } else {
    bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') throw new UsageError('admin.templates.noFile', { path: file });
      throw error;
    });
  }
  return normalize(new TextDecoder('utf-8').decode(bytes));
}
