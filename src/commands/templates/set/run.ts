import type { Deps } from '../../../deps/deps.js';
import { decodeText } from '../../../himanager-users/read-text.js';
import { maxInputBytes, MAX_TEXT_BYTES, readFileLimited, readLimited } from '../../../io/input-limit.js';
import { normalize, save } from '../shared/save.js';
import { templateInForce } from '../shared/template.js';

export interface TemplatesSetOptions { type: string; file?: string; lang?: string; json?: boolean; maxInputSize?: string; variant?: string }

/** The template from a file, or from stdin with `--file -`. */
export async function run(options: TemplatesSetOptions, deps: Deps): Promise<void> {
  const { type, lang, text, variant } = await templateInForce(deps, options);
  const input = await readTemplate(deps, options.file!, Math.min(maxInputBytes(options.maxInputSize, deps.env.processEnv), MAX_TEXT_BYTES));
  await save(deps, { type, lang, text: input, before: text, json: options.json, variant });
}

/**
 * Decoded as every other input is (UTF-8 with or without a BOM, or Shift_JIS/CP932; UTF-16
 * and bytes invalid in the encoding are refused, naming the file): never U+FFFD saved.
 */
async function readTemplate(deps: Deps, file: string, limit: number): Promise<string> {
  const name = file === '-' ? '<stdin>' : file;
  const bytes = file === '-'
    ? await readLimited(deps.io.stdin, name, limit, () => deps.io.stdin.destroy())
    : await readFileLimited(file, limit);
  const { text } = await decodeText(bytes, name);
  return normalize(text);
}
